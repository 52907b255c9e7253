import { type ApiError, isApiError, isRateLimitError, type RetryEvent } from '@junction/core';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { isStripeError } from '../src/stripe/index.js';
import { type StripeLoopback, startStripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';

let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

const posts = (path: string) => env.server.requests.filter((r) => r.method === 'POST' && r.path === path);
const reasons = (events: RetryEvent[]) => events.map((e) => e.reason);

function watchRetries(): RetryEvent[] {
  const seen: RetryEvent[] = [];
  env.stripe.on('retry', (event) => seen.push(event));
  return seen;
}

const stripeError = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error }, { status, headers: { 'request-id': 'req_injected', ...headers } });

describe('a create retried after its response was lost creates one object', () => {
  it('survives a connection reset after Stripe made the customer', async () => {
    const retries = watchRetries();
    env.server.faults.set({ match: { method: 'POST', path: '/v1/customers' }, plan: { 1: { kind: 'reset', when: 'after' } } });
    const customer = await env.stripe.createCustomer({ email: 'once@example.com' });
    const sent = posts('/v1/customers');
    expect(sent).toHaveLength(2);
    expect(sent[0]?.headers['idempotency-key']).toBeDefined();
    expect(sent[1]?.headers['idempotency-key']).toBe(sent[0]?.headers['idempotency-key']);
    expect(env.sandbox.state.customers.size).toBe(1);
    expect([...env.sandbox.state.customers.keys()]).toEqual([customer.id]);
    expect(reasons(retries)).toEqual(['network: ECONNRESET']);
  });

  it('survives a 503 that replaced the answer to a PaymentIntent create', async () => {
    env.server.faults.set({
      match: { method: 'POST', path: '/v1/payment_intents' },
      plan: { 1: { kind: 'serverError', status: 503, when: 'after' } },
    });
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd' });
    expect(posts('/v1/payment_intents')).toHaveLength(2);
    expect(env.sandbox.state.paymentIntents.size).toBe(1);
    expect(env.sandbox.state.paymentIntents.has(intent.id)).toBe(true);
  });

  it('charges a card once when the confirm response is lost', async () => {
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd', payment_method_types: ['card'] });
    env.server.faults.set({
      match: { method: 'POST', path: '/v1/payment_intents/:id/confirm' },
      plan: { 1: { kind: 'reset', when: 'after' } },
    });
    const paid = await env.stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_visa' });
    expect(paid.status).toBe('succeeded');
    expect(env.sandbox.state.charges.size).toBe(1);
    expect(env.sandbox.state.events.filter((e) => e.type === 'payment_intent.succeeded')).toHaveLength(1);
  });

  it('gives the replayed decline, not a second charge attempt, after a lost 402', async () => {
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd', payment_method_types: ['card'] });
    env.server.faults.set({
      match: { method: 'POST', path: '/v1/payment_intents/:id/confirm' },
      plan: { 1: { kind: 'serverError', status: 502, when: 'after' } },
    });
    const error = (await env.stripe
      .confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_chargeDeclined' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 402, type: 'card_error' });
    expect(env.sandbox.state.charges.size).toBe(1);
  });
});

describe("Stripe's retry rules", () => {
  it('retries a 409 idempotency_key_in_use with the same key', async () => {
    const retries = watchRetries();
    env.server.use(
      http.post(
        'https://api.stripe.com/v1/customers',
        () => stripeError(409, { type: 'idempotency_error', code: 'idempotency_key_in_use', message: 'in use' }),
        { once: true },
      ),
    );
    await env.stripe.createCustomer({ email: 'c@example.com' });
    const sent = posts('/v1/customers');
    expect(sent).toHaveLength(2);
    expect(sent[1]?.headers['idempotency-key']).toBe(sent[0]?.headers['idempotency-key']);
    expect(reasons(retries)).toEqual(['conflict: 409 idempotency_key_in_use']);
  });

  it('retries lock_timeout', async () => {
    const retries = watchRetries();
    env.server.use(
      http.post(
        'https://api.stripe.com/v1/customers',
        () => stripeError(429, { type: 'invalid_request_error', code: 'lock_timeout', message: 'locked' }),
        { once: true },
      ),
    );
    await env.stripe.createCustomer({ email: 'l@example.com' });
    expect(posts('/v1/customers')).toHaveLength(2);
    expect(reasons(retries)).toEqual(['lock_timeout: 429']);
  });

  it('does not retry a 500 that Stripe marks Stripe-Should-Retry: false', async () => {
    env.server.use(
      http.post(
        'https://api.stripe.com/v1/customers',
        () => stripeError(500, { type: 'api_error', message: 'boom' }, { 'stripe-should-retry': 'false' }),
        {
          once: true,
        },
      ),
    );
    const error = (await env.stripe.createCustomer({ email: 'x@example.com' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 500, type: 'api_error', retryable: false, requestId: 'req_injected' });
    expect(posts('/v1/customers')).toHaveLength(1);
  });

  it('retries a 400 that Stripe marks Stripe-Should-Retry: true', async () => {
    const retries = watchRetries();
    env.server.use(
      http.post(
        'https://api.stripe.com/v1/customers',
        () => stripeError(400, { type: 'invalid_request_error', message: 'try again' }, { 'stripe-should-retry': 'true' }),
        { once: true },
      ),
    );
    await env.stripe.createCustomer({ email: 'y@example.com' });
    expect(posts('/v1/customers')).toHaveLength(2);
    expect(reasons(retries)).toEqual(['stripe-should-retry: true (400)']);
  });

  it('retries server errors on reads too, and gives up after the retry budget', async () => {
    const client = env.client({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } });
    env.server.faults.set({ match: { method: 'GET' }, plan: () => ({ kind: 'serverError', status: 503 }) });
    const error = (await client.listCustomers().catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(env.server.requests).toHaveLength(3);
  });
});

describe('rate limits', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    const limited = await startStripeLoopback({ rateLimit: { requests: 2, intervalMs: 1000, retryAfterSeconds: 1 } });
    try {
      // Retry-After (1 s) must fit under maxDelayMs, or the client stops rather than come back too early.
      const client = limited.client({ retry: { minDelayMs: 1, maxDelayMs: 2000 } });
      const seen: RetryEvent[] = [];
      client.on('retry', (event) => seen.push(event));
      const started = Date.now();
      const results = await Promise.all([1, 2, 3].map((i) => client.createCustomer({ email: `r${i}@example.com` })));
      expect(results).toHaveLength(3);
      expect(limited.sandbox.state.customers.size).toBe(3);
      expect(reasons(seen)).toEqual(['rate_limited: retry-after 1s']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(limited.server.requests.filter((r) => r.status === 429)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it('reports a 429 as a RateLimitError when retrying is off', async () => {
    const limited = await startStripeLoopback({ rateLimit: { requests: 1, intervalMs: 60_000 } });
    try {
      const client = limited.client({ retry: false });
      await client.listCustomers();
      const error = await client.listCustomers().catch((e: unknown) => e);
      expect(isRateLimitError(error)).toBe(true);
      expect(error).toMatchObject({ status: 429, code: 'rate_limit', type: 'invalid_request_error' });
      // A rate limit is still one of Stripe's error answers, so code written against Stripe's guards sees it.
      expect(isApiError(error)).toBe(true);
      expect(isStripeError(error)).toBe(true);
      expect((error as ApiError).providerMessage).toMatch(/rate limit exceeded/);
    } finally {
      await limited.close();
    }
  });
});
