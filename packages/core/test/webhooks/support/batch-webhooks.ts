import { z } from 'zod';
import { defineWebhooks } from '../../../src/webhooks/index.js';
import { hmacSigner } from '../../../src/webhooks/sign/index.js';
import { hmacVerifier } from '../../../src/webhooks/verify/hmac-verifier.js';
import { fromHeaders } from '../../../src/webhooks/verify/signed-fields.js';
import { part, type SignedTemplate } from '../../../src/webhooks/verify/signed-parts.js';

// A neutral batch provider (no real one): the body is a JSON array of events, and the signature covers the
// method and the full URL called, as some CRMs sign theirs. Provider presets are tested in their packages.
const TEMPLATE: SignedTemplate = [part.method, part.url, part.body, part.timestamp];
const HEADERS = { signature: 'X-Batch-Signature', timestamp: 'X-Batch-Timestamp' } as const;

/** A batch declaration: each event identified by `eventId`, dispatched on `subscriptionType`. */
export const crmWebhooks = defineWebhooks({
  name: 'crm',
  verifier: (secrets: { clientSecret: string }) =>
    hmacVerifier({
      secret: secrets.clientSecret,
      fields: fromHeaders(HEADERS),
      template: TEMPLATE,
      encoding: 'base64',
      timestampUnit: 'milliseconds',
    }),
  batch: true,
  envelope: z.object({ eventId: z.number(), subscriptionType: z.string() }),
  id: (event) => event.eventId,
  type: (event) => event.subscriptionType,
  events: {
    'contact.creation': z.object({ eventId: z.number(), objectId: z.number() }),
    'contact.propertyChange': z.object({ eventId: z.number(), objectId: z.number(), propertyName: z.string(), propertyValue: z.string() }),
  },
});

export const CLIENT_SECRET = 'batch-client-secret-for-tests';

/** Signed headers for a POST of `body` to `url`, made by core's HMAC signer. */
export function batchHeaders(url: string, body: string, secret = CLIENT_SECRET): Record<string, string> {
  const signer = hmacSigner({
    secret,
    template: TEMPLATE,
    encoding: 'base64',
    timestampUnit: 'milliseconds',
    headers: ({ signature, timestamp }) => ({ [HEADERS.signature]: signature, [HEADERS.timestamp]: timestamp }),
  });
  return { 'content-type': 'application/json', ...signer.sign({ body, url }) };
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
