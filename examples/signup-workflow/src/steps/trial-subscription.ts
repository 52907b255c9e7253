import type { StripeClient } from '@junction/payments/stripe';
import type { User } from './sign-up.js';
import { alreadyDone, type StepOutcome } from './step-outcome.js';
import type { StripeCustomer } from './stripe-customer.js';

/** The plan every sign-up starts a trial of. */
export const PLAN = { lookupKey: 'pro_monthly', name: 'Pro', amount: 2000, currency: 'usd', trialDays: 14 } as const;

/** The user's subscription, as the next steps need it. */
export interface TrialSubscription {
  id: string;
  status: string;
  trialEnd: number | null;
}

/**
 * Starts a 14-day trial of the Pro plan, unless the customer already has a
 * subscription made for this user. The price is found by its lookup key
 * (made once, the first time); the subscription by our user id in its
 * metadata, so a re-run finds it whatever its status by now.
 */
export async function ensureTrialSubscription(
  stripe: StripeClient,
  user: User,
  customer: StripeCustomer,
): Promise<StepOutcome & { subscription: TrialSubscription }> {
  const listed = await stripe.listSubscriptions({ customer: customer.id, status: 'all', limit: 100 });
  const existing = listed.data.find((s) => s.metadata?.app_user_id === user.sub);
  if (existing) {
    return { ...alreadyDone(`subscription ${existing.id} found (${existing.status})`), subscription: toSubscription(existing) };
  }
  const price =
    (await stripe.listPrices({ lookup_keys: [PLAN.lookupKey], limit: 1 })).data[0] ??
    (await stripe.createPrice(
      {
        currency: PLAN.currency,
        unit_amount: PLAN.amount,
        recurring: { interval: 'month' },
        product_data: { name: PLAN.name },
        lookup_key: PLAN.lookupKey,
      },
      { idempotencyKey: `catalog:${PLAN.lookupKey}` },
    ));
  const subscription = await stripe.createSubscription(
    {
      customer: customer.id,
      items: [{ price: price.id }],
      trial_period_days: PLAN.trialDays,
      // The webhook handlers read these: who it is for, and where the CRM finds them.
      metadata: { app_user_id: user.sub, email: user.email },
    },
    { idempotencyKey: `signup:${user.sub}:subscription` },
  );
  return {
    created: true,
    detail: `created ${subscription.id}, ${subscription.status} for ${PLAN.trialDays} days`,
    subscription: toSubscription(subscription),
  };
}

function toSubscription(s: { id: string; status: string; trial_end?: number | null }): TrialSubscription {
  return { id: s.id, status: s.status, trialEnd: s.trial_end ?? null };
}
