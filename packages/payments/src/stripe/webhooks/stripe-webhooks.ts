import { defineWebhooks, stripe as stripeVerifier } from '@junction/core';
import { StripeEventEnvelope } from './event-schema.js';
import { STRIPE_EVENT_SCHEMAS } from './stripe-event-schemas.js';

/**
 * The signing secret of a Stripe webhook endpoint (`whsec_…`), or several
 * during a rotation (any one matching is enough).
 */
export type StripeWebhookSecrets = ({ secret: string; secrets?: never } | { secrets: readonly string[]; secret?: never }) & {
  /** How long ago the signed time may be, in seconds. Default 300, as in Stripe's libraries (a time ahead of the clock is accepted). */
  toleranceSec?: number;
};

/**
 * How Stripe webhooks are verified and read: `Stripe-Signature` (t/v1 HMAC
 * over the raw body, the secret given when the receiver is created), one
 * event per delivery, deduped on the event `id`, dispatched on its `type`
 * with typed payloads for the payment events. The connector carries it as
 * `webhooks`; give it (or the connector) to core's `createWebhookReceiver`.
 */
export const stripeWebhooks = defineWebhooks({
  name: 'stripe',
  verifier: (secrets: StripeWebhookSecrets) => stripeVerifier(secrets),
  envelope: StripeEventEnvelope,
  id: (event) => event.id,
  type: (event) => event.type,
  events: STRIPE_EVENT_SCHEMAS,
});
