import { createWebhookReceiver, type DeliveryTarget } from '@junction/core';
import { hubspotWebhooks } from '@junction/crm/hubspot';
import { resendWebhooks } from '@junction/email/resend';
import { sendgridWebhooks } from '@junction/email/sendgrid';
import { stripeWebhooks } from '@junction/payments/stripe';
import type { DemoSecrets } from './secrets.js';

/** The providers this example receives from; each is served at `/webhooks/<provider>`. */
export const PROVIDERS = ['stripe', 'hubspot', 'sendgrid', 'resend'] as const;
/** One of {@link PROVIDERS}. */
export type Provider = (typeof PROVIDERS)[number];

/** A receiver per provider, and the ids of the events each one's handlers ran for. */
export interface Receivers {
  byProvider: Record<Provider, DeliveryTarget>;
  /** Every event id a handler ran for, in order, per provider: a duplicate run would show up twice. */
  handled: Record<Provider, string[]>;
}

/**
 * Builds one receiver per provider from its secret. Fresh receivers have a
 * fresh in-memory dedupe store; in production with several processes pass a
 * shared `store` (e.g. Redis) so a redelivery to another process is dropped too.
 */
export function createReceivers(secrets: DemoSecrets): Receivers {
  const handled: Record<Provider, string[]> = { stripe: [], hubspot: [], sendgrid: [], resend: [] };
  const stripe = createWebhookReceiver(stripeWebhooks, { secrets: { secret: secrets.stripe } });
  const hubspot = createWebhookReceiver(hubspotWebhooks, { secrets: { clientSecret: secrets.hubspot } });
  const sendgrid = createWebhookReceiver(sendgridWebhooks, { secrets: { publicKey: secrets.sendgrid.publicKey } });
  const resend = createWebhookReceiver(resendWebhooks, { secrets: { secret: secrets.resend } });
  // onAny sees every event, typed or not: your typed handlers would go in `receiver.on('<type>', …)`.
  stripe.onAny((event) => void handled.stripe.push(event.id));
  hubspot.onAny((event) => void handled.hubspot.push(event.id));
  sendgrid.onAny((event) => void handled.sendgrid.push(event.id));
  resend.onAny((event) => void handled.resend.push(event.id));
  return { byProvider: { stripe, hubspot, sendgrid, resend }, handled };
}
