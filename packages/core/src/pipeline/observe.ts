import { isJunctionError } from '../errors/junction-error.js';
import type { Middleware } from './context.js';

/**
 * Emits `request`, then `response` or `error`, for every attempt, with its
 * timing. It sits just outside the transport, so it sees each attempt with
 * its final URL and headers, and shows them redacted.
 */
export const observe: Middleware = async function observe(ctx, next) {
  const started = performance.now();
  const base = () => ({
    connector: ctx.connector.name,
    ...(ctx.operation ? { operation: ctx.operation } : {}),
    method: ctx.method,
    url: ctx.redactor.url(ctx.url),
    attempt: ctx.attempt,
  });
  ctx.emit('request', { ...base(), headers: ctx.redactor.headers(ctx.headers) });
  try {
    const response = await next(ctx);
    ctx.emit('response', { ...base(), status: response.status, durationMs: performance.now() - started });
    return response;
  } catch (error) {
    const status = isJunctionError(error) ? (error as { status?: number }).status : undefined;
    ctx.emit('error', {
      ...base(),
      ...(status === undefined ? {} : { status }),
      durationMs: performance.now() - started,
      error,
    });
    throw error;
  }
};
