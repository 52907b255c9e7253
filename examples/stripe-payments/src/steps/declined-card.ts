import { isStripeCardError, type StripeClient } from '@junction/payments/stripe';

/** How a decline reads once mapped. */
export interface Decline {
  status: number;
  code: string | undefined;
  declineCode: string | undefined;
}

/**
 * Move 3, failures: a card declined for insufficient funds. The decline is
 * a typed `ApiError` that `isStripeCardError` recognises, with Stripe's
 * code and decline code as fields: no message matching.
 */
export async function declinedCard(stripe: StripeClient, customerId: string, log: (line: string) => void): Promise<Decline> {
  const intent = await stripe.createPaymentIntent({
    amount: 5000,
    currency: 'usd',
    customer: customerId,
    metadata: { order_id: 'ord_1002' },
    automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
  });
  try {
    await stripe.confirmPaymentIntent({ id: intent.id, payment_method: 'pm_card_chargeDeclinedInsufficientFunds' });
  } catch (error) {
    if (!isStripeCardError(error)) throw error;
    const declineCode = error.details?.decline_code ?? undefined;
    log(`  ${intent.id} with pm_card_chargeDeclinedInsufficientFunds -> isStripeCardError`);
    log(`    status ${error.status}, code ${error.code}, decline_code ${declineCode}, request ${error.requestId}`);
    log(`    for the customer: "${error.providerMessage}"`);
    return { status: error.status, code: error.code, declineCode };
  }
  throw new Error('The test card was expected to be declined.');
}
