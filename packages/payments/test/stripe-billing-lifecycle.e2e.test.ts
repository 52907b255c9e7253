import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeConnector } from '../src/stripe/index.js';
import { listen } from './support/http-endpoint.js';
import { type StripeLoopback, startStripeLoopback } from './support/stripe-loopback.js';

const SECRET = 'whsec_test_billing_lifecycle_000000';
const DAY = 86_400;
const T0 = Date.UTC(2026, 0, 1) / 1000;
const at = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

interface Received {
  id: string;
  type: string;
  /** Parsed by the connector's typed schema for its type (not handed over as unknown). */
  known: boolean;
  object: Record<string, unknown>;
  previous?: Record<string, unknown>;
}

// One subscription, one customer on a test clock, every webhook verified by core's receiver on a real endpoint.
let env: StripeLoopback;
let close: () => Promise<void>;
const received: Received[] = [];
let seen = 0;

beforeAll(async () => {
  const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: SECRET } });
  receiver.onAny((event) => {
    const payload = event.payload as {
      id: string;
      type: string;
      data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
    };
    received.push({
      id: payload.id,
      type: payload.type,
      known: event.known,
      object: payload.data.object,
      ...(payload.data.previous_attributes ? { previous: payload.data.previous_attributes } : {}),
    });
  });
  const endpoint = await listen(createNodeMiddleware(receiver, { onError: () => {} }));
  env = await startStripeLoopback({ webhook: { url: endpoint.url, secret: SECRET, retries: 0 } });
  close = async () => {
    await env.close();
    await endpoint.close();
  };
});
afterAll(() => close());

/** The billing webhooks received since the last call, in the order Stripe made them (ids sort by creation). */
async function billingEvents(): Promise<Received[]> {
  await env.sandbox.webhooks.flush();
  expect(env.sandbox.webhooks.deliveries.every((delivery) => delivery.delivered)).toBe(true);
  const fresh = [...received].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(seen);
  seen = received.length;
  const billing = fresh.filter((event) => /^(customer\.subscription|invoice)\./.test(event.type));
  // Each one matches the typed event schema of this API version, so typed handlers get it.
  expect(billing.filter((event) => !event.known).map((event) => event.type)).toEqual([]);
  return billing;
}

const describeEvent = (event: Received) => {
  const status = event.object.status;
  return event.type.startsWith('invoice.') ? `${event.type} ${String(event.object.amount_due)}` : `${event.type} ${String(status)}`;
};

describe('a SaaS subscription on a test clock, webhook by webhook', () => {
  it('goes through trial, renewal, a failed renewal and its retry, and cancellation at period end', async () => {
    const stripe = env.stripe;
    const clock = await stripe.createTestClock({ frozen_time: T0, name: 'lifecycle' });
    const customer = await stripe.createCustomer({ email: 'saas@example.com', test_clock: clock.id });
    const visa = await stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: customer.id });
    await stripe.updateCustomer({ id: customer.id, invoice_settings: { default_payment_method: visa.id } });
    const product = await stripe.createProduct({ name: 'Pro' });
    const price = await stripe.createPrice({ product: product.id, unit_amount: 2000, currency: 'usd', recurring: { interval: 'month' } });

    // Trial: a $0 invoice, paid at once.
    const subscription = await stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }], trial_period_days: 14 });
    expect(subscription).toMatchObject({ status: 'trialing', trial_end: T0 + 14 * DAY, current_period_end: T0 + 14 * DAY });
    expect((await billingEvents()).map(describeEvent)).toEqual([
      'customer.subscription.created trialing',
      'invoice.created 0',
      'invoice.finalized 0',
      'invoice.paid 0',
      'invoice.payment_succeeded 0',
    ]);

    // The trial ends: notices a week and three days before, then the first real invoice, charged an hour after it is drafted.
    await stripe.advanceTestClock({ id: clock.id, frozen_time: T0 + 14 * DAY + 2 * 3600 });
    const trialEnd = await billingEvents();
    expect(trialEnd.map(describeEvent)).toEqual([
      'invoice.upcoming 2000',
      'customer.subscription.trial_will_end trialing',
      'invoice.created 2000',
      'customer.subscription.updated active',
      'invoice.finalized 2000',
      'invoice.paid 2000',
      'invoice.payment_succeeded 2000',
    ]);
    expect(trialEnd[3]?.previous).toMatchObject({ status: 'trialing', current_period_end: T0 + 14 * DAY });
    expect(trialEnd[3]?.object).toMatchObject({ current_period_start: T0 + 14 * DAY, current_period_end: at('2026-02-15') });
    expect(trialEnd[0]?.object.id).toBeUndefined();

    // The card on file starts failing: the renewal fails and the subscription goes past due, with a retry in three days.
    const failing = await stripe.attachPaymentMethod({ id: 'pm_card_chargeCustomerFail', customer: customer.id });
    await stripe.updateCustomer({ id: customer.id, invoice_settings: { default_payment_method: failing.id } });
    await stripe.advanceTestClock({ id: clock.id, frozen_time: at('2026-02-15') + 2 * 3600 });
    const renewal = await billingEvents();
    expect(renewal.map(describeEvent)).toEqual([
      'invoice.upcoming 2000',
      'invoice.created 2000',
      'customer.subscription.updated active',
      'invoice.finalized 2000',
      'invoice.payment_failed 2000',
      'customer.subscription.updated past_due',
    ]);
    const failed = renewal[4]?.object ?? {};
    expect(failed).toMatchObject({ status: 'open', attempt_count: 1, next_payment_attempt: at('2026-02-15') + 3600 + 3 * DAY });

    // The customer fixes the card; Stripe's retry succeeds and the subscription is active again.
    const fixed = await stripe.attachPaymentMethod({ id: 'pm_card_mastercard', customer: customer.id });
    await stripe.updateCustomer({ id: customer.id, invoice_settings: { default_payment_method: fixed.id } });
    await stripe.advanceTestClock({ id: clock.id, frozen_time: at('2026-02-19') });
    const recovered = await billingEvents();
    expect(recovered.map(describeEvent)).toEqual([
      'invoice.paid 2000',
      'invoice.payment_succeeded 2000',
      'customer.subscription.updated active',
    ]);
    expect(recovered[0]?.object).toMatchObject({ id: failed.id, attempt_count: 2, status: 'paid' });

    // Canceled at period end: no renewal notice or invoice, and the subscription ends when the paid period does.
    await stripe.updateSubscription({ id: subscription.id, cancel_at_period_end: true });
    await stripe.advanceTestClock({ id: clock.id, frozen_time: at('2026-03-20') });
    const ending = await billingEvents();
    expect(ending.map(describeEvent)).toEqual(['customer.subscription.updated active', 'customer.subscription.deleted canceled']);
    expect(ending[0]?.previous).toMatchObject({ cancel_at_period_end: false });
    expect(ending[1]?.object).toMatchObject({ ended_at: at('2026-03-15'), cancellation_details: { reason: 'cancellation_requested' } });
    expect(await stripe.retrieveTestClock({ id: clock.id })).toMatchObject({ status: 'ready', frozen_time: at('2026-03-20') });
    const invoices = await stripe.listInvoices({ subscription: subscription.id });
    expect(invoices.data.map((invoice) => [invoice.billing_reason, invoice.status, invoice.amount_paid])).toEqual([
      ['subscription_cycle', 'paid', 2000],
      ['subscription_cycle', 'paid', 2000],
      ['subscription_create', 'paid', 0],
    ]);
  });
});
