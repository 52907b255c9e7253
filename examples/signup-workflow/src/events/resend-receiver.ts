import { createWebhookReceiver } from '@junction/core';
import { resendConnector } from '@junction/email/resend';
import type { EventJournal } from './event-journal.js';

/** The Resend receiver: verifies the Svix signature, drops the duplicates Resend may send (same `svix-id`). */
export function createResendReceiver(secret: string, journal: EventJournal) {
  const receiver = createWebhookReceiver(resendConnector, { secrets: { secret } });
  receiver.onAny((event) => journal.handled('resend', event.id, event.type));
  return receiver;
}
