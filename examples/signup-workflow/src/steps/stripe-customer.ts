import type { StripeClient } from '@junction/payments/stripe';
import type { User } from './sign-up.js';
import { alreadyDone, type StepOutcome } from './step-outcome.js';

/** The user's Stripe customer, and the test clock it lives on. */
export interface StripeCustomer {
  id: string;
  testClockId: string;
}

/**
 * Finds the user's Stripe customer or creates it. The lookup is what makes
 * a re-run safe at any distance in time: Stripe forgets idempotency keys
 * after 24 hours. It lists by email (consistent at once, unlike search,
 * which lags) and matches our user id in metadata, since emails are not
 * unique at Stripe. The key still matters within a run: a create whose
 * answer is lost is retried with it, and Stripe replays the first answer.
 */
export async function ensureStripeCustomer(stripe: StripeClient, user: User): Promise<StepOutcome & { customer: StripeCustomer }> {
  const listed = await stripe.listCustomers({ email: user.email, limit: 100 });
  const existing = listed.data.find((c) => c.metadata?.app_user_id === user.sub);
  if (existing) {
    return { ...alreadyDone(`customer ${existing.id} found by email and app_user_id`), customer: toCustomer(existing) };
  }
  // A test clock, so the demo can move time to the end of the trial. Only customers made on a clock can use one.
  // No derived key: its frozen_time is "now", so a key reused on a later attempt would meet another body; an orphaned clock is harmless.
  const clock = await stripe.createTestClock({ frozen_time: Math.floor(Date.now() / 1000), name: `signup ${user.sub}` });
  const customer = await stripe.createCustomer(
    {
      email: user.email,
      name: user.name,
      metadata: { app_user_id: user.sub },
      test_clock: clock.id,
      // A test card, as the checkout page would have collected, so the first real invoice is paid.
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    },
    { idempotencyKey: `signup:${user.sub}:stripe-customer` },
  );
  return { created: true, detail: `created ${customer.id} on test clock ${clock.id}`, customer: toCustomer(customer) };
}

// `test_clock` is an id, or the clock itself when expanded.
function toCustomer(customer: { id: string; test_clock?: string | Record<string, unknown> | null }): StripeCustomer {
  const clock = customer.test_clock;
  return { id: customer.id, testClockId: typeof clock === 'string' ? clock : String(clock?.id ?? '') };
}
