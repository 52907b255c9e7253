/** The answer to a request no handler matched: 404, naming what was asked, so a missing handler is obvious. */
export function unmatchedResponse(method: string, path: string): Response {
  return Response.json(
    { error: { type: 'unhandled_request', message: `No handler matches ${method} ${path}.`, method, path } },
    { status: 404 },
  );
}

/** The answer when a handler throws: 500 with the error, as msw's setupServer does in process. */
export function handlerErrorResponse(error: unknown): Response {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return Response.json({ error: { type: 'handler_error', name, message } }, { status: 500 });
}
