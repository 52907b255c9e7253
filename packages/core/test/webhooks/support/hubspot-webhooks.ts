import { z } from 'zod';
import { defineWebhooks } from '../../../src/webhooks/index.js';
import { type HubSpotV3VerifierOptions, hubspotV3 } from '../../../src/webhooks/verify/index.js';
import { hubspotV3Signer } from './provider-signers.js';

/** A HubSpot-shaped declaration: the body is a JSON array of events, each identified by `eventId`. */
export const crmWebhooks = defineWebhooks({
  name: 'crm',
  verifier: (secrets: HubSpotV3VerifierOptions) => hubspotV3(secrets),
  batch: true,
  envelope: z.object({ eventId: z.number(), subscriptionType: z.string() }),
  id: (event) => event.eventId,
  type: (event) => event.subscriptionType,
  events: {
    'contact.creation': z.object({ eventId: z.number(), objectId: z.number() }),
    'contact.propertyChange': z.object({ eventId: z.number(), objectId: z.number(), propertyName: z.string(), propertyValue: z.string() }),
  },
});

export const CLIENT_SECRET = 'hubspot-client-secret-for-tests';

/** HubSpot v3 headers for a POST of `body` to `url`, made by core's HMAC signer configured as HubSpot signs. */
export function hubspotHeaders(url: string, body: string, secret = CLIENT_SECRET): Record<string, string> {
  return { 'content-type': 'application/json', ...hubspotV3Signer(secret).sign({ body, url }) };
}

/** A contact event. */
export function contactEvent(eventId: number, subscriptionType = 'contact.creation') {
  return {
    eventId,
    subscriptionId: 7,
    portalId: 62515,
    appId: 1,
    occurredAt: 1_700_000_000_000,
    subscriptionType,
    attemptNumber: 0,
    objectId: eventId * 10,
  };
}
