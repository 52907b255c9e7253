import { NetworkError, TimeoutError } from '../errors/network-error.js';
import type { RequestContext } from './context.js';
import { summarize } from './request-summary.js';

/** Turns a failure to get a response (timeout, reset, refused) into a typed error; the caller's own abort passes through. */
export function toTransportError(ctx: RequestContext, error: unknown, timedOut = false): unknown {
  // The caller's own abort is not a failure of ours: pass its reason through, as fetch does.
  if (ctx.signal?.aborted) return ctx.signal.reason;
  const request = summarize(ctx);
  if (timedOut) {
    const timeoutMs = ctx.timeoutMs === false ? 0 : ctx.timeoutMs;
    return new TimeoutError(`${request.method} ${request.url} timed out after ${timeoutMs} ms waiting for a response.`, {
      timeoutMs,
      request,
    });
  }
  const code = systemCode(error);
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new NetworkError(`${request.method} ${request.url} failed before a response arrived: ${ctx.redactor.text(reason)}.`, {
    request,
    ...(code ? { code } : {}),
    cause: error instanceof Error ? { name: error.name, message: ctx.redactor.text(error.message), code } : undefined,
  });
}

/** The system error code (ECONNRESET, ECONNREFUSED, UND_ERR_SOCKET) anywhere in an error's cause chain. */
export function systemCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
