import type { Middleware } from '../pipeline/context.js';
import { toRateLimitError } from '../pipeline/http-error.js';

/**
 * Turns a successful answer that the connector declares a rate limit (a
 * `rateLimit.signals` entry for a 200 with a marker in its body, say) into a
 * RateLimitError, as the transport does for an error status. It runs inside
 * the limiter, so the bucket pauses for it like for a 429.
 */
export function limitSignalMiddleware(): Middleware {
  return async function limitSignal(ctx, next) {
    const response = await next(ctx);
    if (!ctx.connector.rateLimit?.signals) return response;
    const error = toRateLimitError(ctx, response);
    if (error) throw error;
    return response;
  };
}
