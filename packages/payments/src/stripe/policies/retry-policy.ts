import { isApiError, type RetryPolicy } from '@junction/core';
import { stripeRetryVerdict } from './retry-verdict.js';

/**
 * Stripe's retry rules for the core retry layer. Only responses carry
 * Stripe's verdict; for connection errors and timeouts the defaults
 * (retry, with backoff) stand. A side effect is repeated only with its
 * idempotency key, which the connector puts on every POST.
 */
export const stripeRetryPolicy: RetryPolicy = {
  decide(error) {
    // A RateLimitError is an ApiError too, so Stripe-Should-Retry on a 429 is read here as well.
    if (!isApiError(error)) return undefined;
    const status = error.status;
    const verdict = stripeRetryVerdict(status, error.headers, error.code);
    if (verdict === undefined) return undefined;
    const shouldRetry = error.headers?.['stripe-should-retry'];
    const reason =
      shouldRetry !== undefined
        ? `stripe-should-retry: ${shouldRetry} (${status})`
        : error.code === 'lock_timeout'
          ? `lock_timeout: ${status}`
          : `conflict: ${status}${error.code ? ` ${error.code}` : ''}`;
    return { retry: verdict, reason };
  },
};
