import type { Services } from '../setup/services.js';
import type { User } from './sign-up.js';
import { alreadyDone, type StepOutcome } from './step-outcome.js';
import type { TrialSubscription } from './trial-subscription.js';

/** The user's CRM contact, as the next steps need it. */
export interface CrmContact {
  id: string;
  welcomeEmailId: string | undefined;
}

/**
 * Upserts the user's contact by email with the plan: repeatable by nature
 * (HubSpot matches on the unique email), so a retry or a re-run updates
 * the same contact instead of adding one. The status is the subscription's
 * as Stripe says now, so a re-run after the trial keeps `active`.
 */
export async function upsertCrmContact(
  crm: Services['crm'],
  user: User,
  subscription: TrialSubscription,
): Promise<StepOutcome & { contact: CrmContact }> {
  const [firstName = user.name, ...rest] = user.name.split(' ');
  const { record, created } = await crm.contacts.upsert(
    {
      email: user.email,
      firstName,
      ...(rest.length > 0 ? { lastName: rest.join(' ') } : {}),
      custom: { appUserId: user.sub, plan: 'pro', subscriptionStatus: subscription.status },
    },
    'email',
  );
  const contact = { id: record.id, welcomeEmailId: record.custom.welcomeEmailId };
  if (!created) return { ...alreadyDone(`contact ${record.id} upserted by email (plan pro, ${subscription.status})`), contact };
  return { created: true, detail: `created contact ${record.id} (plan pro, ${subscription.status})`, contact };
}
