import type { Services } from '../setup/services.js';
import { alreadyDone, type StepOutcome } from './step-outcome.js';
import type { StripeCustomer } from './stripe-customer.js';
import type { TrialSubscription } from './trial-subscription.js';

const TWO_HOURS = 2 * 3600;

/**
 * Fast-forwards the customer's test clock past the trial's end, as if two
 * weeks went by. Stripe then bills the first invoice and sends
 * `customer.subscription.updated` (trialing → active) and `invoice.paid`;
 * the app's webhook handlers update the CRM and email the receipt. The
 * clock moves two hours past the end: Stripe charges an invoice an hour
 * after drafting it. `settle` waits for those webhooks.
 */
export async function endTrial(
  services: Services,
  customer: StripeCustomer,
  subscription: TrialSubscription,
  settle: () => Promise<void>,
): Promise<StepOutcome> {
  const current = await services.stripe.retrieveSubscription({ id: subscription.id });
  if (current.status !== 'trialing' || !current.trial_end) return alreadyDone(`trial already over (${current.status})`);
  await services.stripe.advanceTestClock({ id: customer.testClockId, frozen_time: current.trial_end + TWO_HOURS });
  await settle();
  const after = await services.stripe.retrieveSubscription({ id: subscription.id });
  return { created: true, detail: `test clock moved past trial_end: subscription ${after.status}` };
}
