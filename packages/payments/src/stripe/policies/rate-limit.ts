import type { RateLimitPolicy, SecretSource } from '@junction/core';

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
