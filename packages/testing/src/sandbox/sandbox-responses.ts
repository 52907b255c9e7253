import type { z } from 'zod';

/** The default answer to parameters the operation does not declare: 400 naming them. */
export function unknownParamsResponse(unknown: readonly string[]): Response {
  return Response.json(
    {
      error: {
        type: 'invalid_request',
        code: 'parameter_unknown',
        params: unknown,
        message: `Received unknown parameter${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      },
    },
    { status: 400 },
  );
}

/** The default answer to input the operation's schema refuses: 400 listing each problem by path. */
export function invalidInputResponse(error: z.ZodError): Response {
  const problems = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  return Response.json(
    {
      error: {
        type: 'invalid_request',
        code: 'parameter_invalid',
        problems,
        message: problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '),
      },
    },
    { status: 400 },
  );
}

/** The default answer to a handler that threw: a 500, as a provider's bug would be. */
export function handlerFailedResponse(error: unknown): Response {
  const message = error instanceof Error ? error.message : String(error);
  return Response.json({ error: { type: 'api_error', message: `Sandbox handler failed: ${message}` } }, { status: 500 });
}
