import type { z } from 'zod';
import { errorResponse, missingParam, SandboxError } from './sandbox-error.js';

/** Stripe's 400 for a parameter the endpoint does not take (the first one, as Stripe names one). */
export function unknownParamResponse(unknown: readonly string[]): Response {
  const param = unknown[0] ?? '';
  return errorResponse(
    new SandboxError(400, {
      type: 'invalid_request_error',
      code: 'parameter_unknown',
      param,
      message: `Received unknown parameter: ${param}`,
      doc_url: 'https://stripe.com/docs/error-codes/parameter-unknown',
    }),
  );
}

// The code Stripe gives a value of the wrong type, by what the schema expected.
const INVALID_CODES: Record<string, string> = {
  number: 'parameter_invalid_integer',
  int: 'parameter_invalid_integer',
  boolean: 'parameter_invalid_boolean',
};

/**
 * Stripe's 400 for input the operation's schema refuses, from its first
 * problem: `parameter_missing` for an absent required parameter, else
 * `parameter_invalid_*`, with the parameter named as Stripe names it (`a[b][0]`).
 */
export function invalidParamsResponse(error: z.ZodError): Response {
  const issue = error.issues[0];
  const [head = '', ...rest] = (issue?.path ?? []).map(String);
  const param = `${head}${rest.map((part) => `[${part}]`).join('')}`;
  // zod reports an absent value as "received undefined" (issues carry no input unless asked to).
  if (issue?.code === 'invalid_type' && /received undefined/.test(issue.message)) return errorResponse(missingParam(param));
  const expected = issue && 'expected' in issue ? String(issue.expected) : '';
  return errorResponse(
    new SandboxError(400, {
      type: 'invalid_request_error',
      code: INVALID_CODES[expected] ?? 'parameter_invalid_string',
      param,
      message: `Invalid ${param}: ${issue?.message ?? 'invalid value'}`,
    }),
  );
}
