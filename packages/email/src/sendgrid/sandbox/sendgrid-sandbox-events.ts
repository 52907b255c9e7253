import { randomUUID } from 'node:crypto';
import type { SendMailInput } from '../sendgrid-schemas.js';

/** One event as the sandbox delivers it. */
export type SandboxEvent = Record<string, unknown> & { sg_event_id: string; event: string; email: string };

/** Which recipients the sandbox fails: `bounce@…` bounces (deferred, then bounce), `complaint@…` complains (delivered, then spamreport). */
export function outcomeOf(email: string): 'deliver' | 'bounce' | 'complaint' {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  if (local === 'bounce' || local.startsWith('bounce+')) return 'bounce';
  if (local === 'complaint' || local.startsWith('complaint+')) return 'complaint';
  return 'deliver';
}

/** The events one accepted message makes, per recipient of each personalization, in order. */
export function eventsFor(mail: SendMailInput, messageId: string, nowSec: number): SandboxEvent[] {
  const events: SandboxEvent[] = [];
  mail.personalizations.forEach((p, index) => {
    const customArgs = { ...mail.custom_args, ...p.custom_args };
    const sgMessageId = `${messageId}.filterdrecv-sandbox-${index}-${Date.now().toString(36)}.0`;
    for (const { email } of [...p.to, ...(p.cc ?? []), ...(p.bcc ?? [])]) {
      const make = (event: string, extra: Record<string, unknown> = {}): SandboxEvent => ({
        ...customArgs,
        email,
        event,
        sg_event_id: Buffer.from(randomUUID()).toString('base64url').slice(0, 22),
        sg_message_id: sgMessageId,
        'smtp-id': `<${messageId}@sandbox.sendgrid.net>`,
        timestamp: nowSec,
        ...(mail.categories ? { category: mail.categories } : {}),
        ...extra,
      });
      const outcome = outcomeOf(email);
      events.push(make('processed'));
      if (outcome === 'bounce') {
        events.push(make('deferred', { response: '451 4.2.0 Try again later', attempt: '1' }));
        events.push(make('bounce', { type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account does not exist.' }));
      } else {
        events.push(make('delivered', { response: '250 OK' }));
        if (outcome === 'complaint') events.push(make('spamreport'));
      }
    }
  });
  return events;
}
