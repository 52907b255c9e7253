import { isStripeCardError, stripePayments } from '../src/stripe/index.js';
import { describePaymentsProvider } from './support/payments-provider-suite.js';
import { type StripeLoopback, useStripeLoopback } from './support/stripe-loopback.js';

// The unified interface's shared suite, against the Stripe sandbox on a loopback port.
let env: StripeLoopback;
useStripeLoopback((started) => {
  env = started;
});

const CARDS = { succeeds: 'pm_card_visa', declines: 'pm_card_chargeCustomerFail' } as const;

async function useCard(customer: string, card: keyof typeof CARDS): Promise<void> {
  const method = await env.stripe.attachPaymentMethod({ id: CARDS[card], customer });
  await env.stripe.updateCustomer({ id: customer, invoice_settings: { default_payment_method: method.id } });
}

describePaymentsProvider('stripe', {
  provider: () => stripePayments(env.stripe),
  requestCount: () => env.server.requests.length,
  paymentMethods: { succeeds: 'pm_card_visa', declines: 'pm_card_chargeDeclinedExpiredCard' },
  isDecline: isStripeCardError,
  billing: {
    plan: async (amount, currency) =>
      (
        await env.stripe.createPrice({
          currency,
          unit_amount: amount,
          recurring: { interval: 'month' },
          product_data: { name: `Plan ${amount}` },
        })
      ).id,
    // Stripe moves a customer's time with a test clock: the customer is made on one.
    clockedCustomer: async (start) => {
      const clock = await env.stripe.createTestClock({ frozen_time: start });
      const customer = await env.stripe.createCustomer({ email: 'billing@example.com', test_clock: clock.id });
      await useCard(customer.id, 'succeeds');
      return customer.id;
    },
    useCard,
    advance: async (customerId, to) => {
      const customer = await env.stripe.retrieveCustomer({ id: customerId });
      const clock = 'test_clock' in customer ? customer.test_clock : null;
      if (typeof clock !== 'string') throw new Error(`customer ${customerId} is not on a test clock`);
      await env.stripe.advanceTestClock({ id: clock, frozen_time: to });
    },
  },
});
