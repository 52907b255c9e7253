import { setupServer } from 'msw/node';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createStripeClient } from '../src/stripe/index.js';
import { stripeIdempotencyLedger } from '../src/stripe/sandbox/idempotency-rules.js';
import { createStripeSandbox, parseForm } from '../src/stripe/sandbox/index.js';
import { parseSearchQuery } from '../src/stripe/sandbox/search-query.js';
import { type StripeLoopback, startStripeLoopback } from './support/stripe-loopback.js';

describe('the sandbox in process, under msw setupServer', () => {
  const sandbox = createStripeSandbox();
  const server = setupServer(...sandbox.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());
  beforeEach(() => sandbox.reset());

  it('serves the default base URL, so a client needs no baseUrl', async () => {
    const stripe = createStripeClient({ apiKey: sandbox.apiKey, rateLimit: false });
    const customer = await stripe.createCustomer({ email: 'inprocess@example.com' });
    expect(sandbox.state.customers.get(customer.id)).toMatchObject({ email: 'inprocess@example.com' });
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`https://api.stripe.com${path}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('replays a keyed request with Idempotent-Replayed and Original-Request', async () => {
    const first = await post('/v1/customers', 'email=a%40example.com', { 'idempotency-key': 'k1' });
    const again = await post('/v1/customers', 'email=a%40example.com', { 'idempotency-key': 'k1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(again.headers.get('request-id')).not.toBe(first.headers.get('request-id'));
    expect(await again.json()).toEqual(await first.json());
    expect(sandbox.idempotencyKeys()).toEqual(['k1']);
  });

  it('saves nothing for a request that failed validation, so its key can be used again', async () => {
    const bad = await post('/v1/payment_intents', 'currency=usd', { 'idempotency-key': 'k2' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'parameter_missing', param: 'amount' } });
    const good = await post('/v1/payment_intents', 'amount=100&currency=usd', { 'idempotency-key': 'k2' });
    expect(good.status).toBe(200);
  });

  it('checks the key: missing, wrong, or given as Basic auth', async () => {
    const none = await fetch('https://api.stripe.com/v1/customers');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('did not provide an API key') },
    });
    const basic = await fetch('https://api.stripe.com/v1/customers', { headers: { authorization: `Basic ${btoa(`${sandbox.apiKey}:`)}` } });
    expect(basic.status).toBe(200);
  });

  it('refuses parameters the endpoint does not take, as Stripe does', async () => {
    const response = await post('/v1/customers', 'email=a%40example.com&colour=red');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'parameter_unknown', param: 'colour' } });
  });

  it('starts with Stripe sample objects when seeded', async () => {
    const seeded = createStripeSandbox({ seed: true });
    expect(seeded.state.customers.has('cus_QXg1o8vcGmoR32')).toBe(true);
    expect(seeded.state.checkoutSessions.size).toBe(1);
  });
});

describe('stripe-node against the sandbox', () => {
  let env: StripeLoopback;
  let sdk: Stripe;
  beforeAll(async () => {
    env = await startStripeLoopback();
    sdk = new Stripe(env.sandbox.apiKey, {
      host: '127.0.0.1',
      port: Number(new URL(env.server.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
      telemetry: false,
    });
  });
  afterAll(() => env.close());

  it("runs Stripe's own SDK through a payment", async () => {
    const customer = await sdk.customers.create({ email: 'sdk@example.com' });
    const intent = await sdk.paymentIntents.create({
      amount: 1999,
      currency: 'usd',
      customer: customer.id,
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(intent.status).toBe('succeeded');
    const refund = await sdk.refunds.create({ payment_intent: intent.id });
    expect(refund.status).toBe('succeeded');
  });

  it("produces errors stripe-node classifies as Stripe's own", async () => {
    const declined = await sdk.paymentIntents
      .create({
        amount: 1999,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclined',
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      })
      .catch((e: unknown) => e);
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined).toMatchObject({ code: 'card_declined', decline_code: 'generic_decline', statusCode: 402 });

    await sdk.customers.create({ email: 'x@example.com' }, { idempotencyKey: 'sdk-key' });
    const reused = await sdk.customers.create({ email: 'y@example.com' }, { idempotencyKey: 'sdk-key' }).catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const unauthenticated = await new Stripe('sk_test_nope_000000000', {
      host: '127.0.0.1',
      port: Number(new URL(env.server.url).port),
      protocol: 'http',
      maxNetworkRetries: 0,
    }).customers
      .list()
      .catch((e: unknown) => e);
    expect(unauthenticated).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});

describe('sandbox building blocks', () => {
  it('decodes bracketed form fields into objects and arrays', () => {
    expect(parseForm('a=1&m[k]=v&l[0][x]=1&l[1][x]=2&e[]=p&e[]=q&n[0]=z&blank=')).toEqual({
      a: '1',
      m: { k: 'v' },
      l: [{ x: '1' }, { x: '2' }],
      e: ['p', 'q'],
      n: ['z'],
      blank: '',
    });
  });

  it('reads a subset of the search query language', () => {
    const jenny = { id: 'cus_1', email: 'jenny@example.com', name: 'Jenny Rosen', amount: 500, metadata: { plan: 'pro' } };
    expect(parseSearchQuery("email:'jenny@example.com'")(jenny)).toBe(true);
    expect(parseSearchQuery("name~'rose' AND metadata['plan']:'pro'")(jenny)).toBe(true);
    expect(parseSearchQuery("-metadata['plan']:'pro' OR amount>400")(jenny)).toBe(true);
    expect(parseSearchQuery('amount<=499')(jenny)).toBe(false);
    expect(() => parseSearchQuery("email:'a' AND name:'b' OR name:'c'")).toThrow(/cannot mix/);
    expect(() => parseSearchQuery('email jenny')).toThrow(/Invalid search query/);
  });

  it('refuses a key still in use, and a key reused with other parameters', async () => {
    const ledger = stripeIdempotencyLedger();
    const request = (fingerprint: string, scope: string, requestId: string) => ({ key: 'k', fingerprint, scope, requestId });
    let release: () => void = () => {};
    const running = ledger.run(
      request('POST /v1/customers\n{a}', 'acct', 'req_1'),
      () =>
        new Promise<Response>((resolve) => {
          release = () => resolve(Response.json({}));
        }),
    );
    const inUse = await ledger.run(request('POST /v1/customers\n{a}', 'acct', 'req_2'), async () => Response.json({}));
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toMatchObject({ error: { type: 'idempotency_error', code: 'idempotency_key_in_use' } });
    release();
    await running;
    const mismatch = await ledger.run(request('POST /v1/customers\n{b}', 'acct', 'req_3'), async () => Response.json({}));
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toMatchObject({ error: { type: 'idempotency_error' } });
    let performed = false;
    const other = await ledger.run(request('POST /v1/customers\n{b}', 'other', 'req_4'), async () => {
      performed = true;
      return Response.json({});
    });
    expect([other.status, performed]).toEqual([200, true]);
  });
});
