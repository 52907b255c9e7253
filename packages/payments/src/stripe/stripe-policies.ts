import { type IdempotencyPolicy, isApiError, type RateLimitPolicy, type RetryPolicy, type SecretSource } from '@junction/core';

/**
 * Stripe honours an `Idempotency-Key` header on POST, and this declaration
 * is what makes the client send one: core sends keys only to providers that
 * declare how they take them. Every POST gets a key (the caller's, or a
 * random UUID), fixed before the first attempt and reused by every retry, so
 * a retried create never creates twice. Stripe keeps a key's first result
 * for at least 24 hours.
 */
export const stripeIdempotencyPolicy: IdempotencyPolicy = { header: 'Idempotency-Key', methods: ['POST'] };

/** Stripe's documented default: 100 operations per second in live mode. */
export const STRIPE_LIVE_RATE_LIMIT: RateLimitPolicy = { requests: 100, intervalMs: 1000 };

/** Stripe's documented default: 25 operations per second in test mode. */
export const STRIPE_TEST_RATE_LIMIT: RateLimitPolicy = { requests: 25, intervalMs: 1000 };

/**
 * The limit for a key: live keys (`sk_live_`, `rk_live_`) get the live
 * limit; test keys, and keys given as a function (whose mode cannot be
 * known up front), get the lower test limit.
 */
export function stripeRateLimitFor(apiKey: SecretSource): RateLimitPolicy {
  return typeof apiKey === 'string' && isLiveKey(apiKey) ? STRIPE_LIVE_RATE_LIMIT : STRIPE_TEST_RATE_LIMIT;
}

/** True for a live-mode secret or restricted key. */
export function isLiveKey(apiKey: string): boolean {
  return /^(sk|rk)_live_/.test(apiKey);
}

/** Headers as a `Headers` object or the plain, lowercase record errors carry. */
export type HeaderSource = Headers | Readonly<Record<string, string>> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return headers[name];
}

/**
 * Stripe's own verdict on a failed response, as stripe-node reads it:
 * `Stripe-Should-Retry: true|false` wins; otherwise a 409 (a concurrent
 * request with the same idempotency key) and the `lock_timeout` code are
 * worth retrying. Undefined means "no opinion": the defaults apply (5xx,
 * 429 and connection errors are retried, other 4xx are not).
 */
export function stripeRetryVerdict(status: number, headers: HeaderSource, code: string | undefined): boolean | undefined {
  const should = header(headers, 'stripe-should-retry');
  if (should === 'true') return true;
  if (should === 'false') return false;
  if (status === 409) return true;
  if (code === 'lock_timeout') return true;
  return undefined;
}

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
