import { createMemoryCursorStore, createPoller } from '@junction/core';
import { describe, expect, it } from 'vitest';
import type { PaymentEvent } from '../src/index.js';
import { cursorOf, listEventsSince, stripePaymentPoll, stripePayments, stripePoll } from '../src/stripe/index.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';

let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

const pay = (amount: number) =>
  env.stripe.createPaymentIntent({
    amount,
    currency: 'usd',
    payment_method: 'pm_card_visa',
    confirm: true,
    payment_method_types: ['card'],
  });

describe('polling /v1/events', () => {
  it("handles the connector's events oldest first, then only new ones, and resumes from a saved cursor", async () => {
    const cursors = createMemoryCursorStore();
    const amounts: number[] = [];
    const types: string[] = [];
    const makePoller = () => {
      const poller = createPoller(env.stripe, { cursors, initialCursor: '0', onError: () => {} });
      poller.on('payment_intent.succeeded', (event) => {
        amounts.push(event.payload.data.object.amount);
      });
      poller.onAny((event) => {
        types.push(event.type);
      });
      return poller;
    };

    await pay(1000);
    const first = makePoller();
    const run1 = await first.pollOnce();
    expect(types).toEqual(['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded']);
    expect(amounts).toEqual([1000]);
    expect(run1.cursor).toMatch(/^evt_.+@\d+$/);

    await pay(2000);
    await pay(3000);
    // A new process with the same cursor store: nothing is handled twice, nothing skipped.
    const second = makePoller();
    await second.pollOnce();
    expect(amounts).toEqual([1000, 2000, 3000]);
    expect(types).toHaveLength(9);
    const run3 = await second.pollOnce();
    expect(run3.events).toEqual([]);
    // After an event id, the poller asks for what is newer than it.
    expect(env.server.requests.at(-1)?.query).toContain('ending_before=evt_');
  });

  it('pages through a backlog in order', async () => {
    for (let i = 0; i < 7; i++) await env.stripe.createCustomer({ email: `c${i}@example.com` });
    const poller = createPoller(env.stripe, { poll: stripePoll({ pageSize: 3 }), initialCursor: '0', onError: () => {} });
    const emails: string[] = [];
    poller.on('customer.created', (event) => {
      emails.push(event.payload.data.object.email ?? '');
    });
    await poller.pollOnce();
    for (let i = 7; i < 12; i++) await env.stripe.createCustomer({ email: `c${i}@example.com` });
    const result = await poller.pollOnce();
    expect(emails).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}@example.com`));
    expect(result.pages).toBe(2);
  });

  it('starts from now when given no cursor', async () => {
    await env.stripe.createCustomer({ email: 'before@example.com' });
    const page = await listEventsSince(env.stripe, undefined, { now: () => Date.now() + 5000 });
    expect(page.events).toEqual([]);
    expect(page.cursor).toMatch(/^\d+$/);
  });

  it('falls back to the time when the cursor event is gone from Stripe', async () => {
    await env.stripe.createCustomer({ email: 'kept@example.com' });
    const page = await listEventsSince(env.stripe, 'evt_expired@0');
    expect(page.events.map((e) => e.type)).toEqual(['customer.created']);
    expect(page.cursor).toBe(cursorOf(page.events[0] as { id: string; created: number }));
  });

  it('polls unified payment events with stripePaymentPoll', async () => {
    const payments = stripePayments(env.stripe);
    const poller = createPoller(env.stripe, {
      poll: stripePaymentPoll({ types: ['payment.succeeded', 'refund.succeeded'] }),
      initialCursor: '0',
    });
    const seen: PaymentEvent[] = [];
    poller.on('payment.succeeded', (event) => {
      seen.push(event.payload);
    });
    poller.on('refund.succeeded', (event) => {
      seen.push(event.payload);
    });
    const payment = await payments.payments.create({ amount: 1500, currency: 'usd', paymentMethod: 'pm_card_visa', confirm: true });
    await payments.refunds.create({ paymentId: payment.id, amount: 500 });
    await poller.pollOnce();
    expect(
      seen.map((e) => [e.type, e.type === 'refund.succeeded' ? e.data.paymentId : e.type === 'payment.succeeded' && e.data.id]),
    ).toEqual([
      ['payment.succeeded', payment.id],
      ['refund.succeeded', payment.id],
    ]);
    expect(env.server.requests.at(-1)?.query).toContain('types[0]=payment_intent.succeeded');
  });
});
