import { TokenBucket } from '@junction/testing';
import { errorResponse, SandboxError } from './sandbox-error.js';

/** When the sandbox answers 429, as Stripe does past its limits. */
export interface SandboxRateLimit {
  /** Requests allowed per interval (the kit's token bucket: this many at once, refilled over the interval). */
  requests: number;
  /** The interval. Default 1000 ms. */
  intervalMs?: number;
  /**
   * Sent as `Retry-After` on the 429 when set. Stripe itself sends none
   * (clients back off on their own); set it to test a client that honours it.
   */
  retryAfterSeconds?: number;
}

/** The kit's token bucket, answering Stripe's 429 `rate_limit` body. */
export function stripeRateLimiter(limit: SandboxRateLimit, nowMs: () => number): TokenBucket {
  return new TokenBucket({
    capacity: limit.requests,
    refillPerSecond: (limit.requests * 1000) / (limit.intervalMs ?? 1000),
    now: nowMs,
    respond: () =>
      errorResponse(
        new SandboxError(
          429,
          {
            type: 'invalid_request_error',
            code: 'rate_limit',
            message: 'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
            doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
          },
          limit.retryAfterSeconds === undefined ? {} : { 'retry-after': String(limit.retryAfterSeconds) },
        ),
      ),
  });
}
