import type { Services } from '../setup/services.js';
import type { User } from './sign-up.js';
import { alreadyDone, type StepOutcome } from './step-outcome.js';

/**
 * Records the `signup` event with the custom analytics connector. The
 * event's id is derived from the user, and the API keeps one event per id:
 * a retry or a re-run is answered `duplicate` and counts nothing twice.
 */
export async function trackSignup(services: Services, user: User): Promise<StepOutcome> {
  const event = await services.analytics.track({
    id: `signup:${user.sub}`,
    name: 'signup',
    userId: user.sub,
    properties: { plan: 'pro', trial_days: 14 },
  });
  if (event.duplicate) return alreadyDone(`event ${event.id} already recorded`);
  return { created: true, detail: `recorded ${event.name} event ${event.id}` };
}
