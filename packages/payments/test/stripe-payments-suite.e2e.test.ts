import { isStripeCardError, stripePayments } from '../src/stripe/index.js';
import { describePaymentsProvider } from './support/payments-provider-suite.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';

// The unified interface's shared suite, against the Stripe sandbox on a loopback port.
let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

describePaymentsProvider('stripe', {
  provider: () => stripePayments(env.stripe),
  requestCount: () => env.server.requests.length,
  paymentMethods: { succeeds: 'pm_card_visa', declines: 'pm_card_chargeDeclinedExpiredCard' },
  isDecline: isStripeCardError,
});
