import { NetworkError, TimeoutError } from '../errors/network-error.js';
import { systemCode } from '../errors/system-code.js';
import type { RequestContext } from './context.js';
import { summarize } from './request-summary.js';

/** Turns a failure to get a whole response (timeout, reset, refused) into a typed error; the call's own abort passes through. */
export function toTransportError(ctx: RequestContext, error: unknown, timedOut = false): unknown {
  // The caller's abort (or the call's deadline) is not a failure of this attempt: pass its reason through, as fetch does.
  if (ctx.signal?.aborted) return ctx.signal.reason;
  const request = summarize(ctx);
  if (timedOut) {
    const timeoutMs = ctx.timeoutMs === false ? 0 : ctx.timeoutMs;
    return new TimeoutError(`${request.method} ${request.url} timed out after ${timeoutMs} ms waiting for the whole response.`, {
      timeoutMs,
      request,
    });
  }
  const code = systemCode(error);
  const detail = ctx.redactor.text(causeMessage(error));
  const reason = code && !detail.includes(code) ? `${detail} (${code})` : detail;
  return new NetworkError(`${request.method} ${request.url} failed before a whole response arrived: ${reason}.`, {
    request,
    ...(code ? { code } : {}),
    cause: error instanceof Error ? { name: error.name, message: ctx.redactor.text(error.message), code, detail } : undefined,
  });
}

/** The most specific message in the cause chain: fetch's own is only "fetch failed". */
function causeMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error);
  for (let e = (error as { cause?: unknown })?.cause, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e.message) message = e.message;
    e = e.cause;
  }
  return message;
}
