import { generateKeyPairSync } from 'node:crypto';
import type { WebhookSigner } from '@junction/core';
import { hubspotV3Signer } from '@junction/crm/hubspot';
import { resendSigner } from '@junction/email/resend';
import { sendgridSigner } from '@junction/email/sendgrid';
import { stripeSigner } from '@junction/payments/stripe';
import { eventBody } from './event-bodies.js';
import type { Provider } from './receivers.js';
import type { DemoSecrets } from './secrets.js';

/** One delivery's answer. */
export interface Answer {
  status: number;
  /** The adapter's JSON answer: `{ ok, handled, duplicates }` or `{ error }`. */
  body: { handled?: number; duplicates?: number; error?: { reason?: string } };
}

/** What a provider's three deliveries were answered, and the ids they carried. */
export interface DeliveryAnswers {
  valid: Answer & { eventId: string };
  duplicate: Answer;
  forged: Answer & { eventId: string };
}

/** The signer each provider signs with, from the same secrets the receivers verify with. */
export function signersFor(secrets: DemoSecrets): Record<Provider, WebhookSigner> {
  return {
    stripe: stripeSigner({ secret: secrets.stripe }),
    hubspot: hubspotV3Signer({ clientSecret: secrets.hubspot }),
    sendgrid: sendgridSigner({ privateKey: secrets.sendgrid.privateKey }),
    resend: resendSigner({ secret: secrets.resend }),
  };
}

// What an attacker signs with: the right scheme, the wrong secret.
const attacker: Record<Provider, WebhookSigner> = {
  stripe: stripeSigner({ secret: 'whsec_NotTheEndpointsSecret0000000000' }),
  hubspot: hubspotV3Signer({ clientSecret: 'not-the-client-secret' }),
  sendgrid: sendgridSigner({ privateKey: generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey }),
  resend: resendSigner({ secret: 'whsec_dGhpc2lzbm90dGhlc2VjcmV0MDAwMDAwMDA=' }),
};

let nextId = 1000;

/**
 * Sends one provider three deliveries at `${baseUrl}/webhooks/<provider>`:
 * an event, the same event again (signed afresh, as a provider's retry is;
 * Resend keeps its `svix-id`), and a new event signed with the wrong secret.
 */
export async function sendDeliveries(baseUrl: string, provider: Provider, signer: WebhookSigner): Promise<DeliveryAnswers> {
  // HubSpot signs method + the full URL it calls, so sign with exactly the URL posted to.
  const url = `${baseUrl}/webhooks/${provider}`;
  const validId = nextId++;
  const body = eventBody(provider, validId);
  const deliveryId = `msg_demo${validId}`;
  const valid = await post(url, body, signer.sign({ body, url, id: deliveryId }));
  const duplicate = await post(url, body, signer.sign({ body, url, id: deliveryId }));
  const forgedId = nextId++;
  const forgedBody = eventBody(provider, forgedId);
  const forged = await post(url, forgedBody, attacker[provider].sign({ body: forgedBody, url, id: `msg_demo${forgedId}` }));
  return {
    valid: { ...valid, eventId: handledId(provider, validId) },
    duplicate,
    forged: { ...forged, eventId: handledId(provider, forgedId) },
  };
}

/** The event id the receiver dedupes on, as its handlers see it. */
function handledId(provider: Provider, id: number): string {
  switch (provider) {
    case 'stripe':
      return `evt_demo${id}`;
    case 'hubspot':
      return String(id);
    case 'sendgrid':
      return `sg_demo${id}`;
    case 'resend':
      return `msg_demo${id}`;
  }
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}
