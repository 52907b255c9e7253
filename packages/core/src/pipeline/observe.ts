import { isJunctionError } from '../errors/junction-error.js';
import type { JunctionResponse, Middleware, Next, RequestContext } from './context.js';
import type { LifecycleEventBase } from './events.js';

/**
 * Emits `request`, then `response` or `error`, for every attempt, with its
 * timing. It sits just outside the transport, so it sees each attempt with
 * its final URL and headers, and shows them redacted. With no listener it
 * only passes the attempt on: redacting costs more than the rest of the layer.
 */
export const observe: Middleware = function observe(ctx, next) {
  // Not async on this path: a promise and its ticks per attempt for a layer with nothing to do.
  if (!(ctx.listens('request') || ctx.listens('response') || ctx.listens('error'))) return next(ctx);
  return observed(ctx, next);
};

async function observed(ctx: RequestContext, next: Next): Promise<JunctionResponse> {
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
}

function eventBase(ctx: RequestContext): LifecycleEventBase {
  return {
    connector: ctx.connector.name,
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    method: ctx.method,
    url: ctx.redactor.url(ctx.url),
    attempt: ctx.attempt,
  };
}
