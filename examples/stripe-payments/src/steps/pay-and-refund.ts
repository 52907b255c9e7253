import type { StripeClient } from '@junction/payments/stripe';
import { money } from '../format.js';

/** What the happy path produced. */
export interface PaymentOutcome {
  customerId: string;
  paymentId: string;
  status: string;
  refundId: string;
  refundStatus: string | null;
}

/**
 * Moves 2 and 3: request and map the response. A customer pays order
 * ord_1001 with a test card, then gets a refund. Inputs are checked against
 * Stripe's OpenAPI types; outputs come back typed.
 */
export async function payAndRefund(stripe: StripeClient, log: (line: string) => void): Promise<PaymentOutcome> {
  const customer = await stripe.createCustomer({ email: 'jenny.rosen@example.com', name: 'Jenny Rosen' });
  log(`  customer   ${customer.id}  ${customer.email}`);

  const intent = await stripe.createPaymentIntent(
    {
      amount: 2400,
      currency: 'usd',
      customer: customer.id,
      metadata: { order_id: 'ord_1001' },
      // Confirmed from the server, so only payment methods that never redirect the customer.
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    },
    // Our own key: charging this order stays a single payment even if the process restarts and calls again.
    { idempotencyKey: 'order-ord_1001-payment' },
  );
  log(`  payment    ${intent.id}  ${money(intent.amount, intent.currency)}, ${intent.status}`);

  const paid = await stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_visa' });
  log(`  confirmed  ${paid.id}  ${paid.status} with pm_card_visa, ${money(paid.amount_received ?? 0, paid.currency)} received`);

  const refund = await stripe.createRefund({ payment_intent: paid.id, reason: 'requested_by_customer' });
  log(`  refund     ${refund.id}  ${money(refund.amount, refund.currency)}, ${refund.status}`);

  return { customerId: customer.id, paymentId: paid.id, status: paid.status, refundId: refund.id, refundStatus: refund.status ?? null };
}
