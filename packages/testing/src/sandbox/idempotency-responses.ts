// Bodies shaped like Stripe's, the reference behaviour for idempotency keys: the ledger's defaults.

/** 400: the key was first used with other parameters. */
export function keyReusedResponse(key: string, requestId: string): Response {
  return Response.json(
    {
      error: {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      },
    },
    { status: 400, headers: { 'request-id': requestId } },
  );
}

/** 409: another request with the key is still being processed. */
export function keyInUseResponse(key: string, requestId: string): Response {
  return Response.json(
    {
      error: {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message: `There is currently another in-progress request using this idempotency key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
      },
    },
    { status: 409, headers: { 'request-id': requestId } },
  );
}
