import { type ApiError, isApiError, isInputValidationError } from '@junction/core';
import { describe, expect, it } from 'vitest';
import { CheckoutSession, Customer, Payment, PaymentEvent, Refund } from '../src/index.js';
import { isStripeCardError, type StripePayments, stripePayments } from '../src/stripe/index.js';
import { collect } from './support/collect.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';

let env: StripeLoopback;
let payments: StripePayments;
useStripeLoopback((started) => {
  env = started;
  payments = stripePayments(env.stripe);
});

describe('the unified interface over Stripe', () => {
  it('runs the same flow: customer, payment, confirm, refund', async () => {
    const customer = await payments.customers.create({
      email: 'jenny@example.com',
      name: 'Jenny Rosen',
      address: { line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
      metadata: { plan: 'pro' },
    });
    expect(Customer.parse(customer)).toBeTruthy();
    expect(customer).toMatchObject({
      email: 'jenny@example.com',
      address: { line1: '1 Main St', line2: null, postalCode: '12345', country: 'US' },
      metadata: { plan: 'pro' },
    });
    expect(customer.createdAt).toBeInstanceOf(Date);
    expect(customer.raw.object).toBe('customer');

    const payment = await payments.payments.create({ amount: 2500, currency: 'usd', customerId: customer.id });
    expect(payment).toMatchObject({
      status: 'requires_payment_method',
      amount: 2500,
      currency: 'USD',
      customerId: customer.id,
      failure: null,
    });
    expect(Payment.parse(payment)).toBeTruthy();

    const paid = await payments.payments.confirm(payment.id, { paymentMethod: 'pm_card_visa' });
    expect(paid).toMatchObject({ status: 'succeeded', providerStatus: 'succeeded', amountReceived: 2500, paymentMethodId: 'pm_card_visa' });
    expect(paid.raw.latest_charge).toMatch(/^ch_/);

    const refund = await payments.refunds.create({ paymentId: payment.id, amount: 1000, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({
      paymentId: payment.id,
      amount: 1000,
      currency: 'USD',
      status: 'succeeded',
      reason: 'requested_by_customer',
    });
    expect(Refund.parse(refund)).toBeTruthy();
    expect(await payments.refunds.get(refund.id)).toMatchObject({ id: refund.id, amount: 1000 });
  });

  it('creates and confirms at once, then authorizes, captures and cancels', async () => {
    const now = await payments.payments.create({ amount: 1200, currency: 'EUR', paymentMethod: 'pm_card_visa', confirm: true });
    expect(now).toMatchObject({ status: 'succeeded', currency: 'EUR', captureMethod: 'automatic' });
    // Without a return URL, redirecting methods are turned off, so a server-side confirm needs none.
    expect(env.server.requests[0]?.body).toContain('automatic_payment_methods[allow_redirects]=never');

    const held = await payments.payments.create({
      amount: 3000,
      currency: 'usd',
      paymentMethod: 'pm_card_visa',
      confirm: true,
      captureMethod: 'manual',
    });
    expect(held).toMatchObject({ status: 'requires_capture', amountCapturable: 3000, captureMethod: 'manual' });
    expect(await payments.payments.capture(held.id, { amount: 2000 })).toMatchObject({ status: 'succeeded', amountReceived: 2000 });

    const open = await payments.payments.create({ amount: 900, currency: 'usd' });
    expect(await payments.payments.cancel(open.id, { reason: 'abandoned' })).toMatchObject({ status: 'canceled' });
  });

  it('rejects a decline with the Stripe card error, and shows the failure on the payment', async () => {
    const payment = await payments.payments.create({ amount: 1500, currency: 'usd' });
    const error = (await payments.payments
      .confirm(payment.id, { paymentMethod: 'pm_card_chargeDeclinedExpiredCard' })
      .catch((e: unknown) => e)) as ApiError;
    expect(isStripeCardError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'expired_card', details: { decline_code: 'expired_card' } });
    const after = await payments.payments.get(payment.id);
    expect(after).toMatchObject({
      status: 'requires_payment_method',
      failure: { code: 'expired_card', declineCode: 'expired_card', message: 'Your card has expired.' },
    });
  });

  it('updates a customer (null clears a field or a metadata key), lists and finds by email', async () => {
    const jenny = await payments.customers.create({ email: 'jenny@example.com', phone: '+15555550100', metadata: { a: '1', b: '2' } });
    await payments.customers.create({ email: 'other@example.com' });
    const updated = await payments.customers.update(jenny.id, { phone: null, name: 'Jenny R.', metadata: { a: null } });
    expect(updated).toMatchObject({ phone: null, name: 'Jenny R.', metadata: { b: '2' } });
    expect(env.server.requests.at(-1)?.body).toBe('metadata[a]=&name=Jenny%20R.&phone=');

    const all = await collect(payments.customers.list({ pageSize: 1 }));
    expect(all.map((c) => c.email)).toEqual(['other@example.com', 'jenny@example.com']);
    const found = await collect(payments.customers.searchByEmail('jenny@example.com'));
    expect(found.map((c) => c.id)).toEqual([jenny.id]);
    expect(await payments.customers.get(jenny.id)).toMatchObject({ id: jenny.id, name: 'Jenny R.' });
  });

  it('treats a deleted customer as gone (404)', async () => {
    const customer = await payments.customers.create({ email: 'gone@example.com' });
    await payments.client.deleteCustomer({ id: customer.id });
    const error = (await payments.customers.get(customer.id).catch((e: unknown) => e)) as ApiError;
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, code: 'resource_missing', details: { deleted: true } });
  });

  it('lists payments of a customer, newest first', async () => {
    const customer = await payments.customers.create({ email: 'p@example.com' });
    const first = await payments.payments.create({ amount: 1000, currency: 'usd', customerId: customer.id });
    const second = await payments.payments.create({ amount: 2000, currency: 'usd', customerId: customer.id });
    await payments.payments.create({ amount: 3000, currency: 'usd' });
    const listed = await collect(payments.payments.list({ customerId: customer.id }));
    expect(listed.map((p) => p.id)).toEqual([second.id, first.id]);
  });

  it('creates, reads and expires a checkout session', async () => {
    const session = await payments.checkout.create({
      currency: 'usd',
      lineItems: [
        { name: 'T-shirt', unitAmount: 2000, quantity: 2 },
        { priceId: 'price_1PgafmB7WZ01zgkW02Hf9z6c', quantity: 1 },
      ],
      successUrl: 'https://shop.example/ok',
      cancelUrl: 'https://shop.example/cancel',
      clientReferenceId: 'order-1',
      expiresAt: new Date(Date.now() + 2 * 60 * 60 * 1000),
    });
    expect(CheckoutSession.parse(session)).toBeTruthy();
    expect(session).toMatchObject({
      status: 'open',
      paymentStatus: 'unpaid',
      amountTotal: 5000,
      currency: 'USD',
      clientReferenceId: 'order-1',
    });
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    expect(await payments.checkout.get(session.id)).toMatchObject({ id: session.id });
    expect(await payments.checkout.expire(session.id)).toMatchObject({ status: 'expired', url: null });
  });

  it('refuses invalid unified input before sending', async () => {
    const bad = [
      payments.payments.create({ amount: 10.5, currency: 'usd' }),
      payments.payments.create({ amount: 100, currency: 'dollars' }),
      payments.checkout.create({ lineItems: [{ name: 'x', unitAmount: 100, quantity: 1 }], successUrl: 'https://x' }),
    ];
    for (const call of bad) expect(isInputValidationError(await call.catch((e: unknown) => e))).toBe(true);
    expect(env.server.requests).toHaveLength(0);
  });
});

describe('normalized events', () => {
  it('lists Stripe events as unified ones, filtered by unified type', async () => {
    const customer = await payments.customers.create({ email: 'e@example.com' });
    const payment = await payments.payments.create({ amount: 1000, currency: 'usd', paymentMethod: 'pm_card_visa', confirm: true });
    await payments.refunds.create({ paymentId: payment.id });

    const events = await collect(payments.events.list());
    expect(events.map((e) => [e.type, e.providerType])).toEqual([
      ['unknown', 'charge.refunded'],
      ['refund.succeeded', 'refund.created'],
      ['payment.succeeded', 'payment_intent.succeeded'],
      ['unknown', 'charge.succeeded'],
      ['payment.created', 'payment_intent.created'],
      ['customer.created', 'customer.created'],
    ]);
    for (const event of events) expect(PaymentEvent.parse(event)).toBeTruthy();

    const succeeded = await collect(payments.events.list({ types: ['payment.succeeded', 'refund.succeeded'] }));
    expect(succeeded.map((e) => e.type)).toEqual(['refund.succeeded', 'payment.succeeded']);
    expect(env.server.requests.at(-1)?.query).toContain('types[0]=payment_intent.succeeded');

    const first = succeeded[1];
    if (first?.type !== 'payment.succeeded') throw new Error('expected a payment event');
    expect(first.data).toMatchObject({ id: payment.id, status: 'succeeded', amount: 1000 });
    const again = await payments.events.get(first.id);
    expect(again).toMatchObject({ id: first.id, type: 'payment.succeeded' });
    const created = events.at(-1);
    expect(created?.type === 'customer.created' && created.data.id).toBe(customer.id);
  });

  it('normalizes a webhook payload, passing unknown types through', () => {
    const unknown = payments.events.normalize({
      id: 'evt_1',
      object: 'event',
      type: 'invoice.paid',
      created: 1_700_000_000,
      livemode: false,
      pending_webhooks: 1,
      data: { object: { id: 'in_1', object: 'invoice' } },
    });
    expect(unknown).toMatchObject({ type: 'unknown', providerType: 'invoice.paid', data: { id: 'in_1' } });
    expect(unknown.createdAt.toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(() => payments.events.normalize({ hello: 'world' })).toThrow(/Not a Stripe event/);
  });

  it('reads a refund status change as refund.<state>, other refund updates as refund.updated', () => {
    const refund = { id: 're_1', object: 'refund', amount: 100, currency: 'usd', created: 1, status: 'failed', payment_intent: 'pi_1' };
    const event = (type: string, previous?: Record<string, unknown>) => ({
      id: `evt_${type}`,
      object: 'event',
      type,
      created: 1,
      livemode: false,
      pending_webhooks: 0,
      data: { object: refund, ...(previous ? { previous_attributes: previous } : {}) },
    });
    expect(payments.events.normalize(event('refund.updated', { status: 'pending' })).type).toBe('refund.failed');
    expect(payments.events.normalize(event('refund.updated', { metadata: {} })).type).toBe('refund.updated');
    expect(payments.events.normalize(event('charge.refund.updated', { status: 'pending' })).type).toBe('refund.failed');
  });
});
