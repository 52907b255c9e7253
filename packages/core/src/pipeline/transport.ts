import { isResponseTooLargeError } from '../errors/response-too-large-error.js';
import { attemptSignal } from './attempt-signal.js';
import type { JunctionResponse, Middleware, RequestContext } from './context.js';
import { toHttpError } from './http-error.js';
import { readBody } from './read-body.js';
import { toTransportError } from './transport-error.js';

/** Sends one attempt's request; a transport is this plus everything around it. */
export type SendRequest = (url: URL, init: RequestInit & { signal: AbortSignal }) => Promise<Response>;

/**
 * Makes a transport from a way to send one request: one timer for the whole
 * attempt (headers and body), the body read under the size limit, and every
 * failure turned into a typed error. Retrying is never the sender's job:
 * the retry layer owns that decision.
 */
export function transportFrom(send: SendRequest): Middleware {
  return async function transport(ctx) {
    const attempt = attemptSignal(ctx);
    try {
      let response: Response;
      try {
        response = await send(ctx.url, {
          method: ctx.method,
          headers: ctx.headers,
          body: typeof ctx.body === 'function' ? ctx.body() : ctx.body,
          signal: attempt.signal,
        });
      } catch (error) {
        throw toTransportError(ctx, error, attempt.timedOut());
      }
      const data = await read(ctx, response, attempt.timedOut);
      const result: JunctionResponse = { status: response.status, headers: response.headers, data, url: response.url || ctx.url.href };
      if (response.status >= 400) throw toHttpError(ctx, result);
      return result;
    } finally {
      // For a stream the caller reads the body later, at its own pace: the attempt is over once headers arrived.
      attempt.clear();
    }
  };
}

async function read(ctx: RequestContext, response: Response, timedOut: () => boolean): Promise<unknown> {
  try {
    return await readBody(ctx, response);
  } catch (error) {
    if (isResponseTooLargeError(error)) throw error;
    throw toTransportError(ctx, error, timedOut());
  }
}
