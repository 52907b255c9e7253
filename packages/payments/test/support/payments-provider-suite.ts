import { isInputValidationError } from '@junction/core';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  CheckoutSession,
  Customer,
  type Invoice,
  Payment,
  PaymentEvent,
  type PaymentsProvider,
  Refund,
  Subscription,
} from '../../src/index.js';
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
  /** What the billing tests need that is not in the unified interface: plans, clocks, the card on file. */
  billing: BillingHarness;
}

/** The provider-specific setup of the billing tests (a price, a customer whose time a test moves). */
export interface BillingHarness {
  /** A recurring monthly plan of `amount` minor units of `currency`: its price id. */
  plan(amount: number, currency: string): Promise<string>;
  /** A customer whose time starts at `start` and moves only when told, paying with a card that succeeds. */
  clockedCustomer(start: Date): Promise<string>;
  /** Makes the customer's card on file one that is charged (`succeeds`) or declines every charge (`declines`). */
  useCard(customerId: string, card: 'succeeds' | 'declines'): Promise<void>;
  /** Moves the customer's time to `to`, doing what falls due meanwhile (renewals, retries, endings). */
  advance(customerId: string, to: Date): Promise<void>;
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

    it('bills a subscription through trial, renewal, a failed renewal, recovery and cancellation at period end', async () => {
      const day = (date: string) => new Date(`${date}T00:00:00Z`);
      const { billing } = harness;
      const priceId = await billing.plan(2000, 'usd');
      const customerId = await billing.clockedCustomer(day('2026-01-01'));
      const seen = new Set<string>();
      const newEvents = async () => {
        const events = (
          await collect(
            payments.events.list({
              types: ['subscription.created', 'subscription.updated', 'subscription.canceled', 'invoice.paid', 'invoice.payment_failed'],
            }),
          )
        ).reverse();
        const fresh = events.filter((event) => !seen.has(event.id));
        for (const event of fresh) seen.add(event.id);
        return fresh.map((event) =>
          event.type.startsWith('invoice.')
            ? `${event.type} ${(event.data as Invoice).amountDue}`
            : `${event.type} ${(event.data as Subscription).status}`,
        );
      };

      const subscription = await payments.subscriptions.create({ customerId, items: [{ priceId }], trialDays: 14 });
      expect(Subscription.parse(subscription)).toBeTruthy();
      expect(subscription).toMatchObject({ status: 'trialing', trialEnd: day('2026-01-15'), currentPeriodEnd: day('2026-01-15') });
      expect(await newEvents()).toEqual(['subscription.created trialing', 'invoice.paid 0']);

      await billing.advance(customerId, day('2026-01-16'));
      expect(await newEvents()).toEqual(['subscription.updated active', 'invoice.paid 2000']);
      expect(await payments.subscriptions.get(subscription.id)).toMatchObject({ status: 'active', currentPeriodEnd: day('2026-02-15') });

      await billing.useCard(customerId, 'declines');
      await billing.advance(customerId, day('2026-02-16'));
      expect(await newEvents()).toEqual(['subscription.updated active', 'invoice.payment_failed 2000', 'subscription.updated past_due']);
      const [owed] = await collect(payments.invoices.list({ subscriptionId: subscription.id, status: 'open' }));
      expect(owed).toMatchObject({ attemptCount: 1, amountRemaining: 2000, nextAttemptAt: expect.any(Date) });

      await billing.useCard(customerId, 'succeeds');
      await billing.advance(customerId, day('2026-02-25'));
      expect(await newEvents()).toEqual(['invoice.paid 2000', 'subscription.updated active']);
      expect(await payments.invoices.get(owed?.id ?? '')).toMatchObject({ status: 'paid', amountPaid: 2000 });

      const ending = await payments.subscriptions.cancel(subscription.id, { atPeriodEnd: true });
      expect(ending).toMatchObject({ status: 'active', cancelAtPeriodEnd: true, currentPeriodEnd: day('2026-03-15') });
      await billing.advance(customerId, day('2026-03-20'));
      expect(await newEvents()).toEqual(['subscription.updated active', 'subscription.canceled canceled']);
      expect(await payments.subscriptions.get(subscription.id)).toMatchObject({ status: 'canceled', endedAt: day('2026-03-15') });
      expect(await collect(payments.subscriptions.list({ customerId }))).toEqual([]);
    });

    it('changes plan mid-period with prorations on the next invoice, or invoiced at once', async () => {
      const { billing } = harness;
      const basic = await billing.plan(1000, 'usd');
      const pro = await billing.plan(3000, 'usd');
      const customerId = await billing.clockedCustomer(new Date('2026-04-01T00:00:00Z'));
      const subscription = await payments.subscriptions.create({ customerId, items: [{ priceId: basic }] });
      expect(subscription).toMatchObject({ status: 'active', currentPeriodEnd: new Date('2026-05-01T00:00:00Z') });
      expect(await payments.invoices.get(subscription.latestInvoiceId ?? '')).toMatchObject({ status: 'paid', amountPaid: 1000 });

      // Half-way through April: half of Basic credited, half of Pro charged (Stripe rounds each).
      await billing.advance(customerId, new Date('2026-04-16T00:00:00Z'));
      const changed = await payments.subscriptions.changePlan(subscription.id, { items: [{ priceId: pro }], proration: 'invoice_now' });
      expect(changed.items.map((item) => item.priceId)).toEqual([pro]);
      const adjustment = await payments.invoices.get(changed.latestInvoiceId ?? '');
      expect(adjustment).toMatchObject({ status: 'paid', amountPaid: 1000 });

      // Back to Basic without prorating: nothing is charged now, and May is billed at Basic's price.
      const back = await payments.subscriptions.changePlan(subscription.id, { items: [{ priceId: basic }], proration: 'none' });
      expect(back.latestInvoiceId).toBe(changed.latestInvoiceId);
      await billing.advance(customerId, new Date('2026-05-02T00:00:00Z'));
      const may = await payments.invoices.get((await payments.subscriptions.get(subscription.id)).latestInvoiceId ?? '');
      expect(may).toMatchObject({ status: 'paid', amountPaid: 1000, periodStart: new Date('2026-04-01T00:00:00Z') });
    });

    it('pays an owed invoice on request, and cancels at once', async () => {
      const { billing } = harness;
      const priceId = await billing.plan(1500, 'eur');
      const customerId = await billing.clockedCustomer(new Date('2026-06-01T00:00:00Z'));
      const subscription = await payments.subscriptions.create({ customerId, items: [{ priceId }] });
      await billing.useCard(customerId, 'declines');
      await billing.advance(customerId, new Date('2026-07-02T00:00:00Z'));
      expect(await payments.subscriptions.get(subscription.id)).toMatchObject({ status: 'past_due' });
      const [owed] = await collect(payments.invoices.list({ customerId, status: 'open' }));
      expect(harness.isDecline(await payments.invoices.pay(owed?.id ?? '').catch((e: unknown) => e))).toBe(true);
      await billing.useCard(customerId, 'succeeds');
      expect(await payments.invoices.pay(owed?.id ?? '')).toMatchObject({ status: 'paid', amountPaid: 1500, currency: 'EUR' });
      expect(await payments.subscriptions.get(subscription.id)).toMatchObject({ status: 'active' });
      expect(await payments.subscriptions.cancel(subscription.id)).toMatchObject({ status: 'canceled', cancelAtPeriodEnd: false });
      expect(await collect(payments.subscriptions.list({ customerId, status: 'canceled' }))).toHaveLength(1);
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
