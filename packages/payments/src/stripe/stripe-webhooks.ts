import { defineWebhooks } from '@junction/core';
import { z } from 'zod';
import { CheckoutSession, Customer, PaymentIntent, Refund } from './stripe-objects.generated.js';
import { stripeVerifier } from './stripe-signature.js';

/** A Stripe event whose `data.object` is a `TObject`: what a typed handler receives. */
export interface StripeEventOf<TType extends string, TObject> {
  id: string;
  object: 'event';
  type: TType;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  api_version?: string | null;
  /** The Connect account the event happened on, if any. */
  account?: string;
  pending_webhooks: number;
  request?: { id?: string | null; idempotency_key?: string | null } | null;
  data: {
    /** The object as it was when the event happened. */
    object: TObject;
    /** For `*.updated` events: the changed fields' previous values. */
    previous_attributes?: Record<string, unknown>;
  };
}

/** The schema of a Stripe event of `type` carrying an `object`. Read leniently (unknown keys kept) by the receiver. */
export function stripeEventSchema<const TType extends string, TObject>(
  type: TType,
  object: z.ZodType<TObject>,
): z.ZodType<StripeEventOf<TType, TObject>> {
  return z.object({
    id: z.string(),
    object: z.literal('event'),
    type: z.literal(type),
    created: z.number(),
    livemode: z.boolean(),
    api_version: z.string().nullable().optional(),
    account: z.string().optional(),
    pending_webhooks: z.number(),
    request: z.object({ id: z.string().nullable().optional(), idempotency_key: z.string().nullable().optional() }).nullable().optional(),
    data: z.object({ object, previous_attributes: z.record(z.string(), z.unknown()).optional() }),
  }) as z.ZodType<StripeEventOf<TType, TObject>>;
}

/** What every Stripe event has: enough to dedupe (`id`) and dispatch (`type`). */
export const StripeEventEnvelope = z.object({ id: z.string(), type: z.string() });

const PAYMENT_INTENT_TYPES = [
  'payment_intent.created',
  'payment_intent.processing',
  'payment_intent.requires_action',
  'payment_intent.amount_capturable_updated',
  'payment_intent.partially_funded',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.canceled',
] as const;
const CUSTOMER_TYPES = ['customer.created', 'customer.updated', 'customer.deleted'] as const;
const REFUND_TYPES = ['refund.created', 'refund.updated', 'charge.refund.updated'] as const;
const CHECKOUT_TYPES = [
  'checkout.session.completed',
  'checkout.session.expired',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
] as const;

/** The Stripe event types with typed payloads; every other type still arrives, as an unknown event. */
export type StripeEventType =
  | (typeof PAYMENT_INTENT_TYPES)[number]
  | (typeof CUSTOMER_TYPES)[number]
  | (typeof REFUND_TYPES)[number]
  | (typeof CHECKOUT_TYPES)[number];

/** The object each typed event carries. */
export type StripeEventObject<T extends StripeEventType> = T extends (typeof PAYMENT_INTENT_TYPES)[number]
  ? PaymentIntent
  : T extends (typeof CUSTOMER_TYPES)[number]
    ? Customer
    : T extends (typeof REFUND_TYPES)[number]
      ? Refund
      : CheckoutSession;

/** The schema of each typed Stripe event, by type. */
export type StripeEventSchemas = { [T in StripeEventType]: z.ZodType<StripeEventOf<T, StripeEventObject<T>>> };

function schemas<const T extends readonly string[], O>(types: T, object: z.ZodType<O>) {
  return Object.fromEntries(types.map((type) => [type, stripeEventSchema(type, object)]));
}

/**
 * Typed payloads for the PaymentIntent, customer, refund and Checkout events
 * (`receiver.on('payment_intent.succeeded', e => e.payload.data.object.amount)`).
 */
export const STRIPE_EVENT_SCHEMAS = {
  ...schemas(PAYMENT_INTENT_TYPES, PaymentIntent),
  ...schemas(CUSTOMER_TYPES, Customer),
  ...schemas(REFUND_TYPES, Refund),
  ...schemas(CHECKOUT_TYPES, CheckoutSession),
} as StripeEventSchemas;

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
