import { describe, expect, it } from 'vitest';
import { Invoice, PaymentEvent, Subscription } from '../src/index.js';
import { StripeSchemas, stripePayments } from '../src/stripe/index.js';
import { TEMPLATES } from '../src/stripe/sandbox/templates.generated.js';

// Stripe's samples come from a later API version; the connector's (2023-08-16) has the period on the subscription.
const subscription = { ...structuredClone(TEMPLATES.subscription), current_period_start: 1_700_000_000, current_period_end: 1_702_592_000 };
const sample = structuredClone(TEMPLATES.invoice);
const invoice = {
  ...sample,
  lines: { ...sample.lines, data: sample.lines.data.map((line) => ({ ...line, proration: false, type: 'subscription' })) },
  paid: true,
  paid_out_of_band: false,
  total_tax_amounts: [],
  status: 'paid',
};
const payments = stripePayments({ apiKey: 'sk_test_mapping' });
const event = (type: string, object: unknown) => ({
  id: `evt_${type}`,
  object: 'event',
  type,
  created: 1_700_000_000,
  livemode: false,
  pending_webhooks: 0,
  data: { object },
});

describe('Stripe billing objects in unified form', () => {
  it('reads the samples with the generated schemas', () => {
    expect(StripeSchemas.Subscription.safeParse(subscription).success).toBe(true);
    expect(StripeSchemas.Invoice.safeParse(invoice).success).toBe(true);
    // Only the upcoming invoice may lack an id.
    const { id: _id, ...preview } = invoice;
    expect(StripeSchemas.Invoice.safeParse(preview).success).toBe(false);
    expect(StripeSchemas.UpcomingInvoice.safeParse(preview).success).toBe(true);
  });

  it('normalizes subscription events: deleted reads as canceled, unpaid as past_due', () => {
    const created = payments.events.normalize(event('customer.subscription.created', subscription));
    if (created.type !== 'subscription.created') throw new Error(`got ${created.type}`);
    expect(Subscription.parse(created.data)).toBeTruthy();
    expect(created.data).toMatchObject({
      id: subscription.id,
      customerId: subscription.customer,
      currentPeriodEnd: new Date(1_702_592_000_000),
      items: [{ id: subscription.items.data[0]?.id, priceId: subscription.items.data[0]?.price.id }],
    });
    expect(payments.events.normalize(event('customer.subscription.deleted', subscription)).type).toBe('subscription.canceled');
    const unpaid = payments.events.normalize(event('customer.subscription.updated', { ...subscription, status: 'unpaid' }));
    expect(unpaid.type === 'subscription.updated' && [unpaid.data.status, unpaid.data.providerStatus]).toEqual(['past_due', 'unpaid']);
    // A reminder, not a change: passed through.
    expect(payments.events.normalize(event('customer.subscription.trial_will_end', subscription)).type).toBe('unknown');
  });

  it('normalizes invoice events', () => {
    const paid = payments.events.normalize(event('invoice.paid', invoice));
    if (paid.type !== 'invoice.paid') throw new Error(`got ${paid.type}`);
    expect(Invoice.parse(paid.data)).toBeTruthy();
    expect(paid.data).toMatchObject({
      id: invoice.id,
      status: 'paid',
      amountDue: invoice.amount_due,
      currency: invoice.currency.toUpperCase(),
    });
    expect(payments.events.normalize(event('invoice.payment_failed', { ...invoice, status: 'open' })).type).toBe('invoice.payment_failed');
    expect(PaymentEvent.parse(paid)).toBeTruthy();
  });
});
