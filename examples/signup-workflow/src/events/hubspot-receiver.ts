import { createWebhookReceiver } from '@junction/core';
import { hubspotConnector } from '@junction/crm/hubspot';
import type { EventJournal } from './event-journal.js';

/** The HubSpot receiver: verifies the v3 signature (over method, URL, body and timestamp), splits each batch, drops duplicates. */
export function createHubspotReceiver(clientSecret: string, journal: EventJournal) {
  const receiver = createWebhookReceiver(hubspotConnector, { secrets: { clientSecret } });
  receiver.onAny((event) => journal.handled('hubspot', event.id, event.type));
  return receiver;
}
