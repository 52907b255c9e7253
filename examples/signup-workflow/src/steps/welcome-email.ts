import type { Services } from '../setup/services.js';
import type { CrmContact } from './crm-contact.js';
import type { User } from './sign-up.js';
import { alreadyDone, type StepOutcome } from './step-outcome.js';

/**
 * Sends the welcome email once. Resend dedupes a key for 24 hours only, so
 * the lasting record is on the CRM contact (`welcomeEmailId`): a re-run
 * that finds it sends nothing. The key covers the gap within a run: a send
 * whose answer is lost is retried with it, and Resend replays its answer.
 */
export async function sendWelcomeEmail(services: Services, user: User, contact: CrmContact): Promise<StepOutcome> {
  if (contact.welcomeEmailId) return alreadyDone('welcome email recorded on the contact');
  const { id } = await services.resend.sendEmail(
    {
      from: services.emailFrom,
      to: user.email,
      subject: `Welcome to Junction, ${user.name}`,
      text: `Hi ${user.name},\n\nYour 14-day Pro trial has started. Reply to this email if you need a hand.\n`,
      tags: [{ name: 'kind', value: 'welcome' }],
    },
    { idempotencyKey: `signup:${user.sub}:welcome-email` },
  );
  await services.crm.contacts.update(contact.id, { custom: { welcomeEmailId: id } });
  return { created: true, detail: `sent to ${user.email}, id recorded on the contact` };
}
