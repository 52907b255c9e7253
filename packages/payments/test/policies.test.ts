import { ApiError, NetworkError, RateLimitError, type RequestContext } from '@junction/core';
import { describe, expect, it } from 'vitest';
import {
  isLiveKey,
  STRIPE_LIVE_RATE_LIMIT,
  STRIPE_TEST_RATE_LIMIT,
  stripeConnector,
  stripeRateLimitFor,
  stripeRetryPolicy,
} from '../src/stripe/index.js';
import { startStripeLoopback } from './support/stripe-loopback.js';

const ctx = {} as RequestContext;
const apiError = (status: number, headers: Record<string, string> = {}, code?: string) =>
  new ApiError('x', { status, headers, retryable: status >= 500, ...(code ? { code } : {}) });

describe('stripeRetryPolicy.decide', () => {
  it('lets Stripe-Should-Retry win either way', () => {
    expect(stripeRetryPolicy.decide?.(apiError(503, { 'stripe-should-retry': 'false' }), ctx)).toEqual({
      retry: false,
      reason: 'stripe-should-retry: false (503)',
    });
    expect(stripeRetryPolicy.decide?.(apiError(400, { 'stripe-should-retry': 'true' }), ctx)).toMatchObject({ retry: true });
    const limited = new RateLimitError('x', { status: 429, headers: { 'stripe-should-retry': 'false' } });
    expect(stripeRetryPolicy.decide?.(limited, ctx)).toMatchObject({ retry: false });
  });

  it('retries 409 and lock_timeout', () => {
    expect(stripeRetryPolicy.decide?.(apiError(409, {}, 'idempotency_key_in_use'), ctx)).toEqual({
      retry: true,
      reason: 'conflict: 409 idempotency_key_in_use',
    });
    expect(stripeRetryPolicy.decide?.(apiError(429, {}, 'lock_timeout'), ctx)).toEqual({ retry: true, reason: 'lock_timeout: 429' });
  });

  it('leaves 5xx, 429 and connection errors to the defaults', () => {
    expect(stripeRetryPolicy.decide?.(apiError(502), ctx)).toBeUndefined();
    expect(stripeRetryPolicy.decide?.(new RateLimitError('x', { status: 429 }), ctx)).toBeUndefined();
    expect(stripeRetryPolicy.decide?.(new NetworkError('x', { code: 'ECONNRESET' }), ctx)).toBeUndefined();
  });
});

describe('rate limits by key mode', () => {
  it('picks 100/s for live keys, 25/s otherwise', () => {
    expect(stripeRateLimitFor('sk_live_abc')).toEqual(STRIPE_LIVE_RATE_LIMIT);
    expect(stripeRateLimitFor('rk_live_abc')).toEqual({ requests: 100, intervalMs: 1000 });
    expect(stripeRateLimitFor('sk_test_abc')).toEqual({ requests: 25, intervalMs: 1000 });
    expect(stripeRateLimitFor(() => 'sk_live_from_vault')).toEqual(STRIPE_TEST_RATE_LIMIT);
    expect(isLiveKey('sk_test_live_')).toBe(false);
  });

  it('holds a test-mode client to 25 requests a second, and lets a live one run', async () => {
    const env = await startStripeLoopback({ apiKey: 'sk_test_limit_0000000000', apiKeys: ['sk_live_limit_0000000000'] });
    try {
      const burst = async (apiKey: string) => {
        const client = env.client({ apiKey, rateLimit: {} });
        const started = performance.now();
        await Promise.all(Array.from({ length: 30 }, () => client.listCustomers({ limit: 1 })));
        return performance.now() - started;
      };
      expect(await burst('sk_test_limit_0000000000')).toBeGreaterThanOrEqual(900);
      expect(await burst('sk_live_limit_0000000000')).toBeLessThan(900);
    } finally {
      await env.close();
    }
  });
});

describe('the connector declaration', () => {
  it('pins the API version, keys every POST, and names request-id', () => {
    expect(stripeConnector.headers).toEqual({ 'Stripe-Version': '2023-08-16' });
    expect(stripeConnector.idempotency).toEqual({ header: 'Idempotency-Key', methods: ['POST'] });
    expect(stripeConnector.errors?.requestIdHeader).toBe('request-id');
    expect(stripeConnector.baseUrl).toBe('https://api.stripe.com');
  });
});
