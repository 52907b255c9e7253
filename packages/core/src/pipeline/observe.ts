import type { LifecycleEventBase } from '../client/events.js';
import { isJunctionError } from '../errors/junction-error.js';
import type { Middleware, RequestContext } from './context.js';

/**
 * Emits `request`, then `response` or `error`, for every attempt, with its
 * timing. It sits just outside the transport, so it sees each attempt with
 * its final URL and headers, and shows them redacted. With no listener it
 * only passes the attempt on: redacting costs more than the rest of the layer.
 */
export const observe: Middleware = async function observe(ctx, next) {
  if (!(ctx.listens('request') || ctx.listens('response') || ctx.listens('error'))) return next(ctx);
  const started = performance.now();
  const base = eventBase(ctx);
  if (ctx.listens('request')) ctx.emit('request', { ...base, headers: ctx.redactor.headers(ctx.headers) });
  try {
    const response = await next(ctx);
    ctx.emit('response', { ...base, status: response.status, durationMs: performance.now() - started });
    return response;
  } catch (error) {
    const status = isJunctionError(error) ? (error as { status?: number }).status : undefined;
    ctx.emit('error', {
      ...base,
      ...(status === undefined ? {} : { status }),
      durationMs: performance.now() - started,
      error,
    });
    throw error;
  }
};

function eventBase(ctx: RequestContext): LifecycleEventBase {
  return {
    connector: ctx.connector.name,
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    method: ctx.method,
    url: ctx.redactor.url(ctx.url),
    attempt: ctx.attempt,
  };
}
