import { isApiError, isInputValidationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import {
  isStripeAuthenticationError,
  isStripeCardError,
  isStripeError,
  isStripeIdempotencyError,
  isStripeInvalidRequestError,
  STRIPE_API_VERSION,
  stripeAccount,
  stripeVersion,
} from '../src/stripe/index.js';
import { fail } from './support/fail.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';

let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

describe('a payment from start to refund, over a real socket', () => {
  it('creates a customer and a PaymentIntent, confirms it with pm_card_visa, and refunds it', async () => {
    const { stripe } = env;
    const customer = await stripe.createCustomer({ email: 'jenny@example.com', name: 'Jenny Rosen', metadata: { plan: 'pro' } });
    expect(customer).toMatchObject({ object: 'customer', email: 'jenny@example.com', metadata: { plan: 'pro' }, livemode: false });

    const intent = await stripe.createPaymentIntent({
      amount: 2000,
      currency: 'usd',
      customer: customer.id,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(intent).toMatchObject({ status: 'requires_payment_method', amount: 2000, currency: 'usd', customer: customer.id });
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_`));

    const paid = await stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_visa' });
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 2000, payment_method: 'pm_card_visa' });
    expect(paid.latest_charge).toMatch(/^ch_/);

    const refund = await stripe.createRefund({ payment_intent: intent.id, amount: 500, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 500,
      status: 'succeeded',
      payment_intent: intent.id,
      charge: paid.latest_charge,
    });
    expect(await stripe.retrieveRefund({ id: refund.id })).toMatchObject({ id: refund.id, amount: 500 });
    const rest = await stripe.createRefund({ payment_intent: intent.id });
    expect(rest.amount).toBe(1500);
  });

  it('sends the key, the pinned version, and an idempotency key on every POST only', async () => {
    const customer = await env.stripe.createCustomer({ email: 'a@example.com' });
    await env.stripe.retrieveCustomer({ id: customer.id });
    const [post, get] = env.server.requests;
    expect(post?.headers).toMatchObject({ authorization: `Bearer ${env.sandbox.apiKey}`, 'stripe-version': STRIPE_API_VERSION });
    expect(post?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(get?.headers['idempotency-key']).toBeUndefined();
    expect(get?.headers['stripe-version']).toBe('2023-08-16');
  });

  it('takes a caller idempotency key and another Stripe-Version for one call', async () => {
    await env.stripe.createCustomer({ email: 'b@example.com' }, stripeVersion('2024-04-10', { idempotencyKey: 'order-42' }));
    expect(env.server.requests[0]?.headers).toMatchObject({ 'idempotency-key': 'order-42', 'stripe-version': '2024-04-10' });
    const pinned = env.client({ apiVersion: '2022-11-15' });
    await pinned.listCustomers();
    expect(env.server.requests[1]?.headers['stripe-version']).toBe('2022-11-15');
  });

  it('authorizes now and captures later with capture_method manual', async () => {
    const intent = await env.stripe.createPaymentIntent({
      amount: 5000,
      currency: 'eur',
      capture_method: 'manual',
      payment_method: 'pm_card_mastercard',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(intent).toMatchObject({ status: 'requires_capture', amount_capturable: 5000, amount_received: 0 });
    const captured = await env.stripe.capturePaymentIntent({ id: intent.id, amount_to_capture: 4000 });
    expect(captured).toMatchObject({ status: 'succeeded', amount_received: 4000, amount_capturable: 0 });
  });

  it('cancels a PaymentIntent, and refuses to cancel it twice', async () => {
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd' });
    const canceled = await env.stripe.cancelPaymentIntent({ id: intent.id, cancellation_reason: 'abandoned' });
    expect(canceled).toMatchObject({ status: 'canceled', cancellation_reason: 'abandoned' });
    const error = await fail(env.stripe.cancelPaymentIntent({ id: intent.id }));
    expect(error).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'payment_intent_unexpected_state' });
  });

  it('updates a PaymentIntent before confirmation, and reads it back with the customer expanded', async () => {
    const customer = await env.stripe.createCustomer({ email: 'c@example.com' });
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd' });
    await env.stripe.updatePaymentIntent({ id: intent.id, amount: 1500, customer: customer.id, metadata: { order: '7' } });
    const read = await env.stripe.retrievePaymentIntent({ id: intent.id, expand: ['customer'] });
    expect(read).toMatchObject({ amount: 1500, metadata: { order: '7' }, customer: { id: customer.id, object: 'customer' } });
  });

  it('needs a return_url to confirm when redirecting payment methods are allowed', async () => {
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd' });
    const error = await fail(env.stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_visa' }));
    expect(error.message).toContain('return_url');
    const ok = await env.stripe.confirmPaymentIntent({
      id: intent.id,
      payment_method: 'pm_card_visa',
      return_url: 'https://shop.example/back',
    });
    expect(ok.status).toBe('succeeded');
  });

  it('asks for 3-D Secure with pm_card_authenticationRequired', async () => {
    const intent = await env.stripe.createPaymentIntent({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      return_url: 'https://shop.example/back',
    });
    expect(intent.status).toBe('requires_action');
    expect(intent.next_action).toMatchObject({ type: 'redirect_to_url' });
  });
});

describe('errors', () => {
  it('makes a card decline an ApiError told apart by type, with decline details and the request id', async () => {
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd', payment_method_types: ['card'] });
    const error = await fail(env.stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_chargeDeclined' }));
    expect(isApiError(error)).toBe(true);
    expect(isStripeCardError(error)).toBe(true);
    expect(isStripeInvalidRequestError(error)).toBe(false);
    expect(error).toMatchObject({
      status: 402,
      type: 'card_error',
      code: 'card_declined',
      retryable: false,
      providerMessage: 'Your card was declined.',
      details: {
        decline_code: 'generic_decline',
        payment_intent: intent.id,
        payment_method: 'pm_card_chargeDeclined',
      },
    });
    expect(error.message).toContain('Your card was declined.');
    expect(error.details?.charge).toMatch(/^ch_/);
    expect(error.details?.doc_url).toBe('https://stripe.com/docs/error-codes/card-declined');
    expect(error.requestId).toMatch(/^req_/);
    expect(error.requestId).toBe(error.headers?.['request-id']);
    // A decline is final for this attempt: not retried.
    expect(env.server.requests.filter((r) => r.path.endsWith('/confirm'))).toHaveLength(1);

    const after = await env.stripe.retrievePaymentIntent({ id: intent.id });
    expect(after).toMatchObject({
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', decline_code: 'generic_decline' },
    });
  });

  it('names the reason of an insufficient-funds decline', async () => {
    const error = await fail(
      env.stripe.createPaymentIntent({
        amount: 1000,
        currency: 'usd',
        payment_method: 'pm_card_chargeDeclinedInsufficientFunds',
        confirm: true,
        payment_method_types: ['card'],
      }),
    );
    expect(isStripeCardError(error) && error.details?.decline_code).toBe('insufficient_funds');
  });

  it('answers a wrong key with a 401 that never shows the key', async () => {
    const wrong = env.client({ apiKey: 'sk_test_wrong_key_123456789' });
    const error = await fail(wrong.listCustomers());
    expect(isStripeAuthenticationError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, type: 'invalid_request_error', retryable: false });
    expect(error.message).toContain('Invalid API Key provided: sk_test_');
    expect(JSON.stringify(error)).not.toContain('sk_test_wrong_key_123456789');
    expect(JSON.stringify(error)).not.toContain(env.sandbox.apiKey);
  });

  it('refuses a publishable key before sending anything', () => {
    expect(() => env.client({ apiKey: 'pk_test_123' })).toThrow(/publishable key/);
  });

  it('replays the same key with the same parameters, and refuses it with others (idempotency_error)', async () => {
    const first = await env.stripe.createCustomer({ email: 'once@example.com' }, { idempotencyKey: 'signup-1' });
    const again = await env.stripe.createCustomer({ email: 'once@example.com' }, { idempotencyKey: 'signup-1' });
    expect(again.id).toBe(first.id);
    expect(env.sandbox.state.customers.size).toBe(1);

    const error = await fail(env.stripe.createCustomer({ email: 'other@example.com' }, { idempotencyKey: 'signup-1' }));
    expect(isStripeIdempotencyError(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, type: 'idempotency_error', retryable: false });
    expect(error.message).toContain("Try using a key other than 'signup-1'");
    expect(env.sandbox.state.customers.size).toBe(1);
  });

  it('maps a missing object to resource_missing with the parameter', async () => {
    const error = await fail(env.stripe.retrievePaymentIntent({ id: 'pi_missing' }));
    expect(error).toMatchObject({ status: 404, type: 'invalid_request_error', code: 'resource_missing', details: { param: 'id' } });
    expect(isStripeError(error)).toBe(true);
  });

  it('sends a parameter the spec snapshot does not know, and shows Stripe refusing a real typo', async () => {
    const error = await fail(env.stripe.createCustomer({ email: 'x@example.com', nickname: 'typo' } as never));
    expect(error).toMatchObject({ status: 400, code: 'parameter_unknown', details: { param: 'nickname' } });
  });

  it('refuses invalid input before sending', async () => {
    const error = await fail(env.stripe.createPaymentIntent({ amount: 10.5, currency: 'usd' }));
    expect(isInputValidationError(error)).toBe(true);
    expect(env.server.requests).toHaveLength(0);
  });
});

describe('lists, search and pagination', () => {
  it('walks every customer across pages with starting_after, newest first', async () => {
    for (let i = 0; i < 25; i++)
      await env.stripe.createCustomer({ email: `user${i}@example.com`, metadata: { batch: i < 12 ? 'a' : 'b' } });
    env.server.requests.length = 0;
    const emails: string[] = [];
    for await (const customer of env.stripe.listCustomers.items({ limit: 10 })) emails.push(customer.email ?? '');
    expect(emails).toHaveLength(25);
    expect(emails[0]).toBe('user24@example.com');
    expect(emails.at(-1)).toBe('user0@example.com');
    expect(env.server.requests.map((r) => r.query)).toEqual([
      '?limit=10',
      expect.stringMatching(/^\?limit=10&starting_after=cus_/),
      expect.stringMatching(/^\?limit=10&starting_after=cus_/),
    ]);
  });

  it('filters a list by exact email', async () => {
    await env.stripe.createCustomer({ email: 'jenny@example.com' });
    await env.stripe.createCustomer({ email: 'other@example.com' });
    const page = await env.stripe.listCustomers({ email: 'jenny@example.com' });
    expect(page.data.map((c) => c.email)).toEqual(['jenny@example.com']);
  });

  it('pages a search with page / next_page', async () => {
    for (let i = 0; i < 7; i++)
      await env.stripe.createCustomer({ email: `s${i}@example.com`, metadata: { batch: i % 2 ? 'odd' : 'even' } });
    const found: string[] = [];
    for await (const c of env.stripe.searchCustomers.items({ query: "metadata['batch']:'even'", limit: 2 })) found.push(c.email ?? '');
    expect(found).toEqual(['s6@example.com', 's4@example.com', 's2@example.com', 's0@example.com']);
    expect(env.server.requests.filter((r) => r.path === '/v1/customers/search').map((r) => r.query.includes('page='))).toEqual([
      false,
      true,
    ]);
    const byEmail = await env.stripe.searchCustomers({ query: "email:'s3@example.com'" });
    expect(byEmail).toMatchObject({ object: 'search_result', data: [{ email: 's3@example.com' }], has_more: false });
  });

  it('lists and retrieves events, filtered by type', async () => {
    const intent = await env.stripe.createPaymentIntent({ amount: 1000, currency: 'usd', payment_method_types: ['card'] });
    await env.stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_visa' });
    const page = await env.stripe.listEvents({ types: ['payment_intent.succeeded', 'payment_intent.created'] });
    expect(page.data.map((e) => e.type)).toEqual(['payment_intent.succeeded', 'payment_intent.created']);
    const event = await env.stripe.retrieveEvent({ id: page.data[0]?.id ?? '' });
    expect(event).toMatchObject({ type: 'payment_intent.succeeded', data: { object: { id: intent.id, status: 'succeeded' } } });
    expect(event.request).toMatchObject({ id: expect.stringMatching(/^req_/), idempotency_key: expect.any(String) });
  });
});

describe('customers', () => {
  it('updates with unset, and deletes', async () => {
    const customer = await env.stripe.createCustomer({ email: 'u@example.com', description: 'vip', metadata: { a: '1', b: '2' } });
    const updated = await env.stripe.updateCustomer({ id: customer.id, description: '', metadata: { a: '' } });
    expect(updated).toMatchObject({ description: null, metadata: { b: '2' } });
    const deleted = await env.stripe.deleteCustomer({ id: customer.id });
    expect(deleted).toMatchObject({ id: customer.id, deleted: true });
    const stub = await env.stripe.retrieveCustomer({ id: customer.id });
    expect(stub).toEqual({ id: customer.id, object: 'customer', deleted: true });
  });

  it('keeps a Connect account apart with Stripe-Account', async () => {
    const theirs = await env.stripe.createCustomer({ email: 'connected@example.com' }, stripeAccount('acct_123'));
    expect(env.server.requests[0]?.headers['stripe-account']).toBe('acct_123');
    expect(await env.stripe.retrieveCustomer({ id: theirs.id }, stripeAccount('acct_123'))).toMatchObject({ id: theirs.id });
    const error = await fail(env.stripe.retrieveCustomer({ id: theirs.id }));
    expect(error.status).toBe(404);
    const connected = env.client({ stripeAccount: 'acct_123' });
    expect((await connected.listCustomers()).data.map((c) => c.id)).toEqual([theirs.id]);
  });
});

describe('checkout sessions', () => {
  it('creates, reads, lists line items, and expires a session', async () => {
    const session = await env.stripe.createCheckoutSession({
      mode: 'payment',
      success_url: 'https://shop.example/ok',
      cancel_url: 'https://shop.example/cancel',
      line_items: [
        { price_data: { currency: 'usd', unit_amount: 1500, product_data: { name: 'T-shirt' } }, quantity: 2 },
        { price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Sticker' } }, quantity: 1 },
      ],
      client_reference_id: 'order-9',
    });
    expect(session).toMatchObject({ status: 'open', payment_status: 'unpaid', amount_total: 3500, currency: 'usd' });
    expect(session.url).toContain(session.id);
    expect(await env.stripe.retrieveCheckoutSession({ id: session.id })).toMatchObject({ client_reference_id: 'order-9' });
    const lines = await env.stripe.listCheckoutSessionLineItems({ id: session.id });
    expect(lines.data.map((l) => [l.description, l.quantity, l.amount_total])).toEqual([
      ['T-shirt', 2, 3000],
      ['Sticker', 1, 500],
    ]);
    const expired = await env.stripe.expireCheckoutSession({ id: session.id });
    expect(expired).toMatchObject({ status: 'expired', url: null });
    const error = await fail(env.stripe.expireCheckoutSession({ id: session.id }));
    expect(error.status).toBe(400);
  });

  it('completes a session as a paying customer would, with a succeeded PaymentIntent', async () => {
    const session = await env.stripe.createCheckoutSession({
      success_url: 'https://shop.example/ok',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 2500, product_data: { name: 'Mug' } }, quantity: 1 }],
    });
    env.sandbox.completeCheckoutSession(session.id, { email: 'buyer@example.com' });
    const done = await env.stripe.retrieveCheckoutSession({ id: session.id, expand: ['payment_intent'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', payment_intent: { status: 'succeeded', amount: 2500 } });
    const listed = await env.stripe.listCheckoutSessions({ limit: 5 });
    expect(listed.data.map((s) => s.id)).toContain(session.id);
  });
});
