/** What confirming with a test payment method does. */
export type TestOutcome =
  | { kind: 'success' }
  | { kind: 'decline'; code: string; declineCode: string; message: string }
  | { kind: 'requires_action' };

/** A test card the sandbox knows, as Stripe documents it (https://stripe.com/docs/testing). */
export interface TestPaymentMethod {
  brand: string;
  last4: string;
  funding: string;
  country: string;
  outcome: TestOutcome;
  /**
   * Whether attaching it to a customer (or setting it up with a SetupIntent)
   * succeeds. Stripe checks a card when it is attached, so the declining
   * cards fail there too, with the same `card_error`; only
   * `pm_card_chargeCustomerFail` attaches and then declines every charge.
   */
  attaches: boolean;
}

const declined = (declineCode: string, code = 'card_declined', message = 'Your card was declined.'): TestOutcome => ({
  kind: 'decline',
  code,
  declineCode,
  message,
});

const card = (
  brand: string,
  last4: string,
  outcome: TestOutcome = { kind: 'success' },
  funding = 'credit',
  attaches = outcome.kind !== 'decline',
): TestPaymentMethod => ({
  brand,
  last4,
  funding,
  country: 'US',
  outcome,
  attaches,
});

/**
 * The test payment methods the sandbox accepts, by id, with what confirming
 * with each does. Stripe's real test mode accepts the same ids.
 */
export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestPaymentMethod>> = {
  pm_card_visa: card('visa', '4242'),
  pm_card_visa_debit: card('visa', '5556', { kind: 'success' }, 'debit'),
  pm_card_mastercard: card('mastercard', '4444'),
  pm_card_amex: card('amex', '8431'),
  pm_card_us: card('visa', '4242'),
  pm_card_chargeDeclined: card('visa', '0002', declined('generic_decline')),
  // 4000000000000341: attaching succeeds, every charge is declined.
  pm_card_chargeCustomerFail: card('visa', '0341', declined('generic_decline'), 'credit', true),
  pm_card_visa_chargeDeclined: card('visa', '0002', declined('generic_decline')),
  pm_card_chargeDeclinedInsufficientFunds: card(
    'visa',
    '9995',
    declined('insufficient_funds', 'card_declined', 'Your card has insufficient funds.'),
  ),
  pm_card_visa_chargeDeclinedInsufficientFunds: card(
    'visa',
    '9995',
    declined('insufficient_funds', 'card_declined', 'Your card has insufficient funds.'),
  ),
  pm_card_chargeDeclinedLostCard: card('visa', '9987', declined('lost_card')),
  pm_card_chargeDeclinedStolenCard: card('visa', '9979', declined('stolen_card')),
  pm_card_chargeDeclinedFraudulent: card('visa', '0019', declined('fraudulent')),
  pm_card_chargeDeclinedExpiredCard: card('visa', '0069', declined('expired_card', 'expired_card', 'Your card has expired.')),
  pm_card_chargeDeclinedIncorrectCvc: card(
    'visa',
    '0127',
    declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect."),
  ),
  pm_card_chargeDeclinedProcessingError: card(
    'visa',
    '0119',
    declined('processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.'),
  ),
  pm_card_authenticationRequired: card('visa', '3155', { kind: 'requires_action' }),
  pm_card_threeDSecure2Required: card('visa', '3220', { kind: 'requires_action' }),
};
