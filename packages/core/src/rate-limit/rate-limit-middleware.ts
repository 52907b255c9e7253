import { isRateLimitError } from '../errors/rate-limit-error.js';
import type { Middleware } from '../pipeline/context.js';
import { summarize } from '../pipeline/request-summary.js';
import { formatWait } from '../retry/format-wait.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options for {@link rateLimitMiddleware}. */
export interface RateLimitMiddlewareOptions {
  /** The longest a call of this client may wait for a slot (the limiter's own default otherwise). */
  maxWaitMs?: number;
}

/**
 * The rate-limit layer: every attempt waits for a slot in the bucket. When
 * the provider answers "too many requests" with a time to come back, the
 * whole bucket is paused until then, before the slot is given back, so no
 * queued call (of this client or any sharing the bucket) slips through.
 */
export function rateLimitMiddleware(limiter: RateLimiter, options: RateLimitMiddlewareOptions = {}): Middleware {
  return async function rateLimit(ctx, next) {
    return limiter.schedule(
      async () => {
        try {
          return await next(ctx);
        } catch (error) {
          if (isRateLimitError(error) && error.source === 'provider' && error.retryAfterMs !== undefined && error.retryAfterMs > 0) {
            await limiter.pause(error.retryAfterMs);
            ctx.emit('rateLimited', {
              connector: ctx.connector.name,
              waitMs: error.retryAfterMs,
              reason: `provider: retry-after ${formatWait(error.retryAfterMs)}`,
            });
          }
          throw error;
        }
      },
      {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
        // Read only when the limiter refuses the call: redacting the URL on every call would cost more than the rest.
        get request() {
          return summarize(ctx);
        },
      },
    );
  };
}
