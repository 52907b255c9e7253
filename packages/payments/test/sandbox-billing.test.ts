import { setupServer } from 'msw/node';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient, downloadInvoicePdf, isStripeCardError, isStripeInvalidRequestError } from '../src/stripe/index.js';
import { createStripeSandbox, type StripeSandboxOptions } from '../src/stripe/sandbox/index.js';
import { type StripeLoopback, startStripeLoopback } from './support/stripe-loopback.js';

const DAY = 86_400;
const T0 = Date.UTC(2026, 0, 1) / 1000;

let env: StripeLoopback | undefined;
afterEach(() => env?.close());

/** A loopback sandbox with a monthly $20 plan and a customer on a test clock at T0, paying with `card`. */
async function setup(card = 'pm_card_visa', options: StripeSandboxOptions = {}) {
  env = await startStripeLoopback(options);
  const stripe = env.stripe;
  const clock = await stripe.createTestClock({ frozen_time: T0 });
  const customer = await stripe.createCustomer({
    test_clock: clock.id,
    payment_method: card,
    invoice_settings: { default_payment_method: card },
  });
  const price = await stripe.createPrice({
    currency: 'usd',
    unit_amount: 2000,
    recurring: { interval: 'month' },
    product_data: { name: 'Pro' },
  });
  const types = () => env?.sandbox.state.events.map((event) => String(event.type)) ?? [];
  const advance = (seconds: number) => stripe.advanceTestClock({ id: clock.id, frozen_time: T0 + seconds });
  return { stripe, clock, customer, price, types, advance };
}

describe('sandbox subscriptions: how they start', () => {
  it('default_incomplete: the first invoice waits for its PaymentIntent, and confirming it activates the subscription', async () => {
    const { stripe, customer, price } = await setup();
    const created = await stripe.createSubscription({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      expand: ['latest_invoice.payment_intent'],
    });
    expect(created.status).toBe('incomplete');
    const invoice = created.latest_invoice as {
      id: string;
      status: string;
      payment_intent: { id: string; client_secret: string; status: string };
    };
    expect(invoice).toMatchObject({
      status: 'open',
      payment_intent: { status: 'requires_payment_method', client_secret: expect.stringMatching(/_secret_/) },
    });
    await stripe.confirmPaymentIntent({ id: invoice.payment_intent.id, payment_method: 'pm_card_visa' });
    expect(await stripe.retrieveInvoice({ id: invoice.id })).toMatchObject({ status: 'paid', amount_paid: 2000 });
    expect(await stripe.retrieveSubscription({ id: created.id })).toMatchObject({ status: 'active' });
  });

  it('error_if_incomplete: a declining card is answered with the decline and creates nothing', async () => {
    const { stripe, customer, price } = await setup('pm_card_chargeCustomerFail');
    const error = await stripe
      .createSubscription({ customer: customer.id, items: [{ price: price.id }], payment_behavior: 'error_if_incomplete' })
      .catch((e: unknown) => e);
    expect(isStripeCardError(error)).toBe(true);
    expect((await stripe.listSubscriptions({ customer: customer.id, status: 'all' })).data).toEqual([]);
  });

  it('allow_incomplete (the default): a declined first payment leaves it incomplete, and it expires a day later', async () => {
    const { stripe, customer, price, advance, types } = await setup('pm_card_chargeCustomerFail');
    const created = await stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }] });
    expect(created.status).toBe('incomplete');
    await advance(DAY);
    expect(await stripe.retrieveSubscription({ id: created.id })).toMatchObject({ status: 'incomplete_expired' });
    expect(await stripe.retrieveInvoice({ id: String(created.latest_invoice) })).toMatchObject({ status: 'void' });
    expect(types()).toEqual(expect.arrayContaining(['invoice.voided']));
  });

  it('refuses what Stripe refuses: a one-time price, a mixed interval, a trial in the past, a card not attached', async () => {
    const { stripe, customer, price } = await setup();
    const once = await stripe.createPrice({ currency: 'usd', unit_amount: 500, product_data: { name: 'Setup fee' } });
    const yearly = await stripe.createPrice({
      currency: 'usd',
      unit_amount: 9000,
      recurring: { interval: 'year' },
      product_data: { name: 'Y' },
    });
    const attempts = [
      stripe.createSubscription({ customer: customer.id, items: [{ price: once.id }] }),
      stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }, { price: yearly.id }] }),
      stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }], trial_end: T0 - 1 }),
      stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }], default_payment_method: 'pm_card_visa' }),
    ];
    const params = [];
    for (const attempt of attempts) {
      const error = await attempt.catch((e: unknown) => e);
      expect(isStripeInvalidRequestError(error)).toBe(true);
      params.push((error as { details?: { param?: string } }).details?.param);
    }
    expect(params).toEqual(['items[0][price]', 'items[1][price]', 'trial_end', 'default_payment_method']);
  });
});

describe('sandbox subscriptions: trials, dunning settings and previews', () => {
  it('pauses a trial that ends with no payment method when told to, and resumes it billed from then', async () => {
    env = await startStripeLoopback();
    const stripe = env.stripe;
    const clock = await stripe.createTestClock({ frozen_time: T0 });
    const customer = await stripe.createCustomer({ test_clock: clock.id });
    const price = await stripe.createPrice({
      currency: 'usd',
      unit_amount: 2000,
      recurring: { interval: 'month' },
      product_data: { name: 'Pro' },
    });
    const sub = await stripe.createSubscription({
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: 7,
      trial_settings: { end_behavior: { missing_payment_method: 'pause' } },
    });
    await stripe.advanceTestClock({ id: clock.id, frozen_time: T0 + 8 * DAY });
    expect(await stripe.retrieveSubscription({ id: sub.id })).toMatchObject({ status: 'paused' });
    const card = await stripe.attachPaymentMethod({ id: 'pm_card_visa', customer: customer.id });
    await stripe.updateCustomer({ id: customer.id, invoice_settings: { default_payment_method: card.id } });
    const resumed = await stripe.resumeSubscription({ id: sub.id });
    expect(resumed).toMatchObject({ status: 'active', current_period_start: T0 + 8 * DAY, billing_cycle_anchor: T0 + 8 * DAY });
    expect(await stripe.retrieveInvoice({ id: String(resumed.latest_invoice) })).toMatchObject({ status: 'paid', amount_paid: 2000 });
  });

  it('cancels after the last retry by default (reason payment_failed), or marks it unpaid when set so', async () => {
    for (const [whenRetriesFail, status] of [
      ['cancel', 'canceled'],
      ['unpaid', 'unpaid'],
    ] as const) {
      const { stripe, customer, price, advance } = await setup('pm_card_visa', { billing: { retryDays: [1, 2], whenRetriesFail } });
      const sub = await stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }] });
      const failing = await stripe.attachPaymentMethod({ id: 'pm_card_chargeCustomerFail', customer: customer.id });
      await stripe.updateSubscription({ id: sub.id, default_payment_method: failing.id });
      await advance(31 * DAY + 2 * 3600);
      expect((await stripe.retrieveSubscription({ id: sub.id })).status).toBe('past_due');
      await advance(35 * DAY);
      const after = await stripe.retrieveSubscription({ id: sub.id });
      expect(after.status).toBe(status);
      if (status === 'canceled') expect(after.cancellation_details?.reason).toBe('payment_failed');
      const invoice = await stripe.retrieveInvoice({ id: String(after.latest_invoice) });
      expect(invoice).toMatchObject({ status: 'open', attempt_count: 3, next_payment_attempt: null });
      await env?.close();
      env = undefined;
    }
  });

  it('previews a plan change with its prorations, and the upcoming invoice after a trial', async () => {
    const { stripe, customer, price, advance } = await setup();
    const bigger = await stripe.createPrice({
      currency: 'usd',
      unit_amount: 5000,
      recurring: { interval: 'month' },
      product_data: { name: 'Max' },
    });
    const sub = await stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }] });
    await advance(15 * DAY + 12 * 3600); // half of January's 31 days
    const item = sub.items.data[0]?.id ?? '';
    const preview = await stripe.retrieveUpcomingInvoice({ customer: customer.id, subscription_items: [{ id: item, price: bigger.id }] });
    expect(preview.id).toBeUndefined();
    expect(preview.lines.data.map((line) => [line.proration, line.amount])).toEqual([
      [true, -1000],
      [true, 2500],
      [false, 5000],
    ]);
    expect(preview.amount_due).toBe(6500);
    // Nothing changed: the real upcoming invoice is the current plan's.
    expect((await stripe.retrieveUpcomingInvoice({ customer: customer.id })).amount_due).toBe(2000);
  });

  it('refuses to move a clock back, and deleting one deletes its customers', async () => {
    const { stripe, clock, customer } = await setup();
    const error = await stripe.advanceTestClock({ id: clock.id, frozen_time: T0 - DAY }).catch((e: unknown) => e);
    expect(isStripeInvalidRequestError(error) && error.details?.param).toBe('frozen_time');
    expect(await stripe.deleteTestClock({ id: clock.id })).toMatchObject({ deleted: true });
    expect(isStripeInvalidRequestError(await stripe.retrieveCustomer({ id: customer.id }).catch((e: unknown) => e))).toBe(true);
  });
});

describe('sandbox invoices in process', () => {
  const sandbox = createStripeSandbox();
  const server = setupServer(...sandbox.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it("serves a finalized invoice's PDF at its invoice_pdf link, fetched without the key", async () => {
    const stripe = createStripeClient({ apiKey: sandbox.apiKey, rateLimit: false });
    const customer = await stripe.createCustomer({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const price = await stripe.createPrice({
      currency: 'usd',
      unit_amount: 1200,
      recurring: { interval: 'month' },
      product_data: { name: 'Pdf' },
    });
    const sub = await stripe.createSubscription({ customer: customer.id, items: [{ price: price.id }] });
    const invoice = await stripe.retrieveInvoice({ id: String(sub.latest_invoice) });
    expect(invoice.invoice_pdf).toMatch(/^https:\/\/pay\.stripe\.com\/invoice\//);
    const pdf = await downloadInvoicePdf(stripe, invoice.id);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(Buffer.from(pdf).toString('latin1')).toContain(String(invoice.number));
  });

  it('answers stripe-node with objects it reads as its own', async () => {
    const node = new Stripe(sandbox.apiKey, { maxNetworkRetries: 0 });
    const price = await node.prices.create({
      currency: 'usd',
      unit_amount: 700,
      recurring: { interval: 'week' },
      product_data: { name: 'Weekly' },
    });
    const customer = await node.customers.create({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const sub = await node.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 2 }],
      expand: ['latest_invoice'],
    });
    expect(sub).toMatchObject({ object: 'subscription', status: 'active', items: { data: [{ quantity: 2, price: { id: price.id } }] } });
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice).toMatchObject({ object: 'invoice', status: 'paid', amount_paid: 1400, billing_reason: 'subscription_create' });
    const canceled = await node.subscriptions.cancel(sub.id);
    expect(canceled.status).toBe('canceled');
  });
});
