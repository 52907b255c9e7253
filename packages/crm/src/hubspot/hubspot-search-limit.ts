import { createLimiter, isRateLimitError, type Middleware } from '@junction/core';

/**
 * Paces the search endpoints to their own per-second limit, inside the
 * client's 10-second bucket (a search spends a slot of both). A SECONDLY
 * 429 pauses this bucket for its wait. Only `searchObjects` calls go through it.
 */
export function hubspotSearchLimit(perSecond: number): Middleware {
  const limiter = createLimiter({ requests: perSecond, intervalMs: 1000 }, { name: 'hubspot search rate limiter' });
  return function hubspotSearch(ctx, next) {
    if (ctx.operation !== 'searchObjects') return next(ctx);
    return limiter.schedule(
      async () => {
        try {
          return await next(ctx);
        } catch (error) {
          if (isRateLimitError(error) && error.retryAfterMs !== undefined && error.retryAfterMs > 0)
            await limiter.pause(error.retryAfterMs);
          throw error;
        }
      },
      ctx.signal ? { signal: ctx.signal } : {},
    );
  };
}
