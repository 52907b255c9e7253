import type { MalformedBodyFault, RateLimitFault, ServerErrorFault } from './fault.js';

/** The faults that answer with a response rather than dropping the connection. */
export type AnsweringFault = ServerErrorFault | RateLimitFault | MalformedBodyFault;

/** The response an answering fault sends in place of the handler's. */
export function faultResponse(fault: AnsweringFault): Response {
  const headers = new Headers({ 'content-type': 'application/json', ...fault.headers });
  switch (fault.kind) {
    case 'serverError': {
      const body = fault.body ?? errorBody('api_error', 'Injected fault: the server failed to process the request.');
      return new Response(body, { status: fault.status ?? 500, headers });
    }
    case 'rateLimit': {
      if (fault.retryAfter !== undefined) headers.set('retry-after', String(fault.retryAfter));
      const body = fault.body ?? errorBody('rate_limit_error', 'Injected fault: too many requests.');
      return new Response(body, { status: 429, headers });
    }
    case 'malformed':
      // Cut off mid-value: the kind of body a proxy or a crashing server leaves behind.
      return new Response(fault.body ?? '{"id":"obj_123","object":"thing","amount":', { status: 200, headers });
  }
}

function errorBody(type: string, message: string): string {
  return JSON.stringify({ error: { type, message } });
}
