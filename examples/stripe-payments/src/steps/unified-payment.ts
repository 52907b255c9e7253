import { type StripeClient, stripePayments } from '@junction/payments/stripe';
import { money } from '../format.js';

/** What the unified flow produced. */
export interface UnifiedOutcome {
  paymentId: string;
  status: string;
  refundStatus: string;
}

/**
 * The same flow through the provider-neutral interface: customers,
 * payments and refunds in unified models (upper-case currencies, closed
 * status sets), over the same Stripe client and its retries.
 */
export async function unifiedPayment(stripe: StripeClient, log: (line: string) => void): Promise<UnifiedOutcome> {
  const payments = stripePayments(stripe);
  const customer = await payments.customers.create({ email: 'maya.fischer@example.com', name: 'Maya Fischer' });
  const payment = await payments.payments.create({
    amount: 4500,
    currency: 'EUR',
    customerId: customer.id,
    paymentMethod: 'pm_card_mastercard',
    confirm: true,
    metadata: { order_id: 'ord_1003' },
  });
  log(`  payments.create({ confirm: true })  -> ${payment.id} ${money(payment.amount, payment.currency)}, ${payment.status}`);
  const refund = await payments.refunds.create({ paymentId: payment.id, amount: 1500, reason: 'requested_by_customer' });
  log(`  refunds.create({ amount: 1500 })    -> ${refund.id} ${money(refund.amount, refund.currency)}, ${refund.status}`);
  return { paymentId: payment.id, status: payment.status, refundStatus: refund.status };
}
