import type { IncomingMessage } from 'node:http';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentEvent } from '../src/index.js';
import { stripeConnector, stripePayments, stripePaymentWebhooks } from '../src/stripe/index.js';
import { stripeSignatureHeader } from '../src/stripe/sandbox/index.js';
import { listen } from './support/http-endpoint.js';
import { type StripeLoopback, startStripeLoopback } from './support/stripe-loopback.js';

const SECRET = 'whsec_test_sandbox_secret_1234567890';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function sandboxWithWebhook(url: string): Promise<StripeLoopback> {
  const env = await startStripeLoopback({ webhook: { url, secret: SECRET, retries: 0 } });
  closers.push(() => env.close());
  return env;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('signed webhook deliveries from the sandbox', () => {
  it('signs exactly as Stripe does: stripe-node verifies them', async () => {
    const received: { body: string; signature: string }[] = [];
    const endpoint = await listen(async (req, res) => {
      received.push({ body: await readBody(req), signature: String(req.headers['stripe-signature']) });
      res.end();
    });
    closers.push(endpoint.close);
    const env = await sandboxWithWebhook(`${endpoint.url}/hooks`);
    await env.stripe.createCustomer({ email: 'hook@example.com' });
    await env.sandbox.webhooks.flush();

    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(delivery?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const event = Stripe.webhooks.constructEvent(delivery?.body ?? '', delivery?.signature ?? '', SECRET);
    expect(event).toMatchObject({ type: 'customer.created', data: { object: { email: 'hook@example.com' } } });
    expect(() => Stripe.webhooks.constructEvent(delivery?.body ?? '', delivery?.signature ?? '', 'whsec_other')).toThrow();
    expect(env.sandbox.webhooks.deliveries).toEqual([expect.objectContaining({ type: 'customer.created', delivered: true, status: 200 })]);
  });

  it('matches the signature stripe-node generates for tests', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event' });
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET, timestamp: 1_700_000_000 });
    expect(stripeSignatureHeader(payload, SECRET, 1_700_000_000)).toBe(header);
  });

  it("reach core's receiver through the connector's webhook declaration, typed and deduplicated", async () => {
    const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: SECRET } });
    const seen: string[] = [];
    const amounts: number[] = [];
    receiver.on('payment_intent.succeeded', (event) => {
      amounts.push(event.payload.data.object.amount);
    });
    receiver.onAny((event) => {
      seen.push(`${event.type}${event.known ? '' : ' (unknown)'}`);
    });
    const endpoint = await listen(createNodeMiddleware(receiver, { path: '/webhooks/stripe', onError: () => {} }));
    closers.push(endpoint.close);
    const env = await sandboxWithWebhook(`${endpoint.url}/webhooks/stripe`);

    await env.stripe.createPaymentIntent({
      amount: 4200,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      payment_method_types: ['card'],
    });
    await env.sandbox.webhooks.flush();
    expect(amounts).toEqual([4200]);
    expect(seen.sort()).toEqual(['charge.succeeded (unknown)', 'payment_intent.created', 'payment_intent.succeeded']);

    // Stripe redelivers: the same event is acknowledged but not handled again.
    const event = env.sandbox.state.events.find((e) => e.type === 'payment_intent.succeeded');
    const body = JSON.stringify(event);
    const signature = stripeSignatureHeader(body, SECRET, Math.floor(Date.now() / 1000));
    const again = await receiver.receive({ body, headers: { 'stripe-signature': signature } });
    expect(again.events).toEqual([{ id: event?.id, type: 'payment_intent.succeeded', outcome: 'duplicate' }]);
    expect(amounts).toEqual([4200]);
  });

  it('delivers unified payment events to a receiver built from stripePaymentWebhooks', async () => {
    const receiver = createWebhookReceiver(stripePaymentWebhooks, { secrets: { secret: SECRET } });
    const events: PaymentEvent[] = [];
    receiver.on('payment.succeeded', (event) => {
      events.push(event.payload);
    });
    receiver.on('refund.succeeded', (event) => {
      events.push(event.payload);
    });
    receiver.on('customer.created', (event) => {
      events.push(event.payload);
    });
    const unknown: string[] = [];
    receiver.onUnknown((event) => {
      unknown.push(event.type);
    });
    const endpoint = await listen(createNodeMiddleware(receiver, { onError: () => {} }));
    closers.push(endpoint.close);
    const env = await sandboxWithWebhook(endpoint.url);
    const payments = stripePayments(env.stripe);

    await payments.customers.create({ email: 'u@example.com' });
    const payment = await payments.payments.create({ amount: 1800, currency: 'gbp', paymentMethod: 'pm_card_visa', confirm: true });
    await payments.refunds.create({ paymentId: payment.id });
    await env.sandbox.webhooks.flush();

    expect(events.map((e) => e.type).sort()).toEqual(['customer.created', 'payment.succeeded', 'refund.succeeded']);
    const succeeded = events.find((e) => e.type === 'payment.succeeded');
    expect(succeeded?.type === 'payment.succeeded' && succeeded.data).toMatchObject({ id: payment.id, amount: 1800, currency: 'GBP' });
    expect(unknown.sort()).toEqual(['charge.refunded', 'charge.succeeded']);
  });

  it('answers 400 to a delivery signed with another secret, and Stripe keeps it', async () => {
    const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: 'whsec_the_real_one_000000000' } });
    const endpoint = await listen(createNodeMiddleware(receiver, { onError: () => {} }));
    closers.push(endpoint.close);
    const env = await sandboxWithWebhook(endpoint.url);
    await env.stripe.createCustomer({ email: 'x@example.com' });
    await env.sandbox.webhooks.flush();
    expect(env.sandbox.webhooks.deliveries).toEqual([expect.objectContaining({ delivered: false, status: 400, attempts: 1 })]);
  });
});
