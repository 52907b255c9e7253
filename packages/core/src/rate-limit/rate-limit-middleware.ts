import { isApiError } from '../errors/api-error.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import type { Middleware, RequestContext } from '../pipeline/context.js';
import { summarize } from '../pipeline/request-summary.js';
import { formatWait } from '../retry/format-wait.js';
import { type HeaderSource, spentBudgetWaitMs } from './limit-signals.js';
import type { RateLimiter } from './rate-limiter.js';

/** Options for {@link rateLimitMiddleware}. */
export interface RateLimitMiddlewareOptions {
  /** The longest a call of this client may wait for a slot (the limiter's own default otherwise). */
  maxWaitMs?: number;
}

/**
 * The rate-limit layer: every attempt runs in a slot of the bucket (the
 * first in the one the client took before building the call, each retry in
 * a new one). The
 * whole bucket is paused, before the slot is given back, so no queued call
 * (of this client or any sharing the bucket) slips through: until the
 * provider's reset when it answers "rate limited" (a RateLimitError with a
 * wait), and until the budget's reset when an answer says the budget the
 * connector declares is spent.
 */
export function rateLimitMiddleware(limiter: RateLimiter, options: RateLimitMiddlewareOptions = {}): Middleware {
  return function rateLimit(ctx, next) {
    const attempt = async () => {
      try {
        const response = await next(ctx);
        await waitForSpentBudget(limiter, ctx, response.headers);
        return response;
      } catch (error) {
        if (isRateLimitError(error) && error.retryAfterMs !== undefined && error.retryAfterMs > 0) {
          await limiter.pause(error.retryAfterMs);
          ctx.emit('rateLimited', {
            connector: ctx.connector.name,
            waitMs: error.retryAfterMs,
            reason: `provider: retry-after ${formatWait(error.retryAfterMs)}`,
          });
        } else if (isApiError(error) && error.headers) {
          await waitForSpentBudget(limiter, ctx, error.headers);
        }
        throw error;
      }
    };
    // The first attempt already holds the slot the client waited for before building the call.
    const admission = ctx.admission;
    if (admission?.claim()) return attempt().finally(() => admission.release());
    return limiter.schedule(attempt, {
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
      // Read only when the limiter refuses the call: redacting the URL on every call would cost more than the rest.
      get request() {
        return summarize(ctx);
      },
    });
  };
}

async function waitForSpentBudget(limiter: RateLimiter, ctx: RequestContext, headers: HeaderSource): Promise<void> {
  const budget = ctx.connector.rateLimit?.budget;
  const wait = budget ? spentBudgetWaitMs(headers, budget) : undefined;
  if (wait === undefined || wait <= 0) return;
  await limiter.pause(wait);
  ctx.emit('rateLimited', { connector: ctx.connector.name, waitMs: wait, reason: `provider: budget spent, resets in ${formatWait(wait)}` });
}
