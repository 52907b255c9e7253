import { isInputValidationError } from '@junction/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { CheckoutSession, Customer, Payment, PaymentEvent, type PaymentsProvider, Refund } from '../../src/index.js';
import { collect } from './collect.js';

/**
 * What the shared suite needs from a provider's sandbox: everything else it
 * does through the unified interface alone, so a second provider is held to
 * exactly the same behaviour.
 */
export interface PaymentsProviderHarness {
  /** The provider under test, against a sandbox reset before each test. */
  provider(): PaymentsProvider;
  /** Requests the sandbox has received since the reset. */
  requestCount(): number;
  /** Test payment methods the sandbox charges, and declines. */
  paymentMethods: { succeeds: string; declines: string };
  /** True when `error` is the provider's decline. */
  isDecline(error: unknown): boolean;
}

/** The unified payments interface's behaviour, run against one provider. */
export function describePaymentsProvider(name: string, harness: PaymentsProviderHarness): void {
  let payments: PaymentsProvider;
  beforeEach(() => {
    payments = harness.provider();
  });

  describe(`${name}: the unified payments interface`, () => {
    it('runs the main flow: customer, payment, confirm, partial refund', async () => {
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

      const payment = await payments.payments.create({ amount: 2500, currency: 'usd', customerId: customer.id });
      expect(payment).toMatchObject({ status: 'requires_payment_method', amount: 2500, currency: 'USD', customerId: customer.id });
      expect(Payment.parse(payment)).toBeTruthy();

      const paid = await payments.payments.confirm(payment.id, { paymentMethod: harness.paymentMethods.succeeds });
      expect(paid).toMatchObject({ status: 'succeeded', amountReceived: 2500, failure: null });

      const refund = await payments.refunds.create({ paymentId: payment.id, amount: 1000, reason: 'requested_by_customer' });
      expect(refund).toMatchObject({ paymentId: payment.id, amount: 1000, currency: 'USD', status: 'succeeded' });
      expect(Refund.parse(refund)).toBeTruthy();
      expect(await payments.refunds.get(refund.id)).toMatchObject({ id: refund.id, amount: 1000 });
    });

    it('authorizes, captures part, and cancels', async () => {
      const held = await payments.payments.create({
        amount: 3000,
        currency: 'usd',
        paymentMethod: harness.paymentMethods.succeeds,
        confirm: true,
        captureMethod: 'manual',
      });
      expect(held).toMatchObject({ status: 'requires_capture', amountCapturable: 3000, captureMethod: 'manual' });
      expect(await payments.payments.capture(held.id, { amount: 2000 })).toMatchObject({ status: 'succeeded', amountReceived: 2000 });
      const open = await payments.payments.create({ amount: 900, currency: 'usd' });
      expect(await payments.payments.cancel(open.id, { reason: 'abandoned' })).toMatchObject({ status: 'canceled' });
    });

    it("rejects a decline with the provider's error and shows the failure on the payment", async () => {
      const payment = await payments.payments.create({ amount: 1500, currency: 'usd' });
      const error = await payments.payments
        .confirm(payment.id, { paymentMethod: harness.paymentMethods.declines })
        .catch((e: unknown) => e);
      expect(harness.isDecline(error)).toBe(true);
      const after = await payments.payments.get(payment.id);
      expect(after.status).toBe('requires_payment_method');
      expect(after.failure?.code).toEqual(expect.any(String));
    });

    it('updates a customer (null clears), lists newest first and finds by email', async () => {
      const jenny = await payments.customers.create({ email: 'jenny@example.com', phone: '+15555550100', metadata: { a: '1', b: '2' } });
      await payments.customers.create({ email: 'other@example.com' });
      const updated = await payments.customers.update(jenny.id, { phone: null, name: 'Jenny R.', metadata: { a: null } });
      expect(updated).toMatchObject({ phone: null, name: 'Jenny R.', metadata: { b: '2' } });
      expect((await collect(payments.customers.list({ pageSize: 1 }))).map((c) => c.email)).toEqual([
        'other@example.com',
        'jenny@example.com',
      ]);
      expect((await collect(payments.customers.searchByEmail('jenny@example.com'))).map((c) => c.id)).toEqual([jenny.id]);
    });

    it('creates, reads and expires a checkout session', async () => {
      const session = await payments.checkout.create({
        currency: 'usd',
        lineItems: [{ name: 'T-shirt', unitAmount: 2000, quantity: 2 }],
        successUrl: 'https://shop.example/ok',
        clientReferenceId: 'order-1',
      });
      expect(CheckoutSession.parse(session)).toBeTruthy();
      expect(session).toMatchObject({
        status: 'open',
        paymentStatus: 'unpaid',
        amountTotal: 4000,
        currency: 'USD',
        clientReferenceId: 'order-1',
      });
      expect(await payments.checkout.expire(session.id)).toMatchObject({ status: 'expired' });
    });

    it('refuses invalid input before sending anything', async () => {
      const bad = [
        payments.payments.create({ amount: 10.5, currency: 'usd' }),
        payments.payments.create({ amount: 100, currency: 'dollars' }),
        payments.subscriptions.create({ customerId: 'c', items: [] }),
        payments.subscriptions.create({ customerId: 'c', items: [{ priceId: 'p' }], trialDays: 3, trialEnd: new Date() }),
        payments.subscriptions.changePlan('s', { items: [{ priceId: 'p', quantity: 0 }] }),
      ];
      for (const call of bad) expect(isInputValidationError(await call.catch((e: unknown) => e))).toBe(true);
      expect(harness.requestCount()).toBe(0);
    });

    it('lists events in unified form, filtered by unified type', async () => {
      await payments.customers.create({ email: 'e@example.com' });
      const payment = await payments.payments.create({
        amount: 1000,
        currency: 'usd',
        paymentMethod: harness.paymentMethods.succeeds,
        confirm: true,
      });
      const events = await collect(payments.events.list());
      for (const event of events) expect(PaymentEvent.parse(event)).toBeTruthy();
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['customer.created', 'payment.created', 'payment.succeeded']));
      const succeeded = await collect(payments.events.list({ types: ['payment.succeeded'] }));
      expect(succeeded.map((e) => e.type === 'payment.succeeded' && e.data.id)).toEqual([payment.id]);
    });
  });
}
