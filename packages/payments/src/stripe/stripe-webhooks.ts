import { defineWebhooks } from '@junction/core';
import { z } from 'zod';
import {
  CheckoutSession,
  Customer,
  Invoice,
  PaymentIntent,
  PaymentMethod,
  Refund,
  SetupIntent,
  Subscription,
  UpcomingInvoice,
} from './stripe-objects.generated.js';
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
const SUBSCRIPTION_TYPES = [
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.trial_will_end',
] as const;
const INVOICE_TYPES = [
  'invoice.created',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'invoice.payment_succeeded',
  'invoice.updated',
  'invoice.voided',
] as const;
// The invoice Stripe will create at the next billing: not created yet, so it has no `id`.
const UPCOMING_INVOICE_TYPES = ['invoice.upcoming'] as const;
const SETUP_INTENT_TYPES = ['setup_intent.created', 'setup_intent.succeeded', 'setup_intent.setup_failed'] as const;
const PAYMENT_METHOD_TYPES = ['payment_method.attached', 'payment_method.detached'] as const;

/** The Stripe event types with typed payloads; every other type still arrives, as an unknown event. */
export type StripeEventType =
  | (typeof PAYMENT_INTENT_TYPES)[number]
  | (typeof CUSTOMER_TYPES)[number]
  | (typeof REFUND_TYPES)[number]
  | (typeof CHECKOUT_TYPES)[number]
  | (typeof SUBSCRIPTION_TYPES)[number]
  | (typeof INVOICE_TYPES)[number]
  | (typeof UPCOMING_INVOICE_TYPES)[number]
  | (typeof SETUP_INTENT_TYPES)[number]
  | (typeof PAYMENT_METHOD_TYPES)[number];

/** The object each typed event carries. */
export type StripeEventObject<T extends StripeEventType> = T extends (typeof PAYMENT_INTENT_TYPES)[number]
  ? PaymentIntent
  : T extends (typeof CUSTOMER_TYPES)[number]
    ? Customer
    : T extends (typeof REFUND_TYPES)[number]
      ? Refund
      : T extends (typeof CHECKOUT_TYPES)[number]
        ? CheckoutSession
        : T extends (typeof SUBSCRIPTION_TYPES)[number]
          ? Subscription
          : T extends (typeof INVOICE_TYPES)[number]
            ? Invoice
            : T extends (typeof UPCOMING_INVOICE_TYPES)[number]
              ? UpcomingInvoice
              : T extends (typeof SETUP_INTENT_TYPES)[number]
                ? SetupIntent
                : PaymentMethod;

/** The typed events of the given types, as a union a `switch (event.type)` narrows. */
type EventsOf<T extends StripeEventType> = { [K in T]: StripeEventOf<K, StripeEventObject<K>> }[T];

/** A `customer.subscription.*` event: `created`, `updated`, `deleted`, `trial_will_end` (three days before a trial ends). */
export type StripeSubscriptionEvent = EventsOf<(typeof SUBSCRIPTION_TYPES)[number]>;
/** An `invoice.*` event about an existing invoice: `created`, `finalized`, `paid`, `payment_failed`, `payment_succeeded`, `updated`, `voided`. */
export type StripeInvoiceEvent = EventsOf<(typeof INVOICE_TYPES)[number]>;
/** `invoice.upcoming`: the invoice the next billing will create, days before; it has no `id` yet. */
export type StripeUpcomingInvoiceEvent = EventsOf<(typeof UPCOMING_INVOICE_TYPES)[number]>;
/** A `setup_intent.*` event: `created`, `succeeded`, `setup_failed`. */
export type StripeSetupIntentEvent = EventsOf<(typeof SETUP_INTENT_TYPES)[number]>;
/** A `payment_method.*` event: `attached` to a customer, or `detached` from one. */
export type StripePaymentMethodEvent = EventsOf<(typeof PAYMENT_METHOD_TYPES)[number]>;

/** The schema of each typed Stripe event, by type. */
export type StripeEventSchemas = { [T in StripeEventType]: z.ZodType<StripeEventOf<T, StripeEventObject<T>>> };

function schemas<const T extends readonly string[], O>(types: T, object: z.ZodType<O>) {
  return Object.fromEntries(types.map((type) => [type, stripeEventSchema(type, object)]));
}

/**
 * Typed payloads for the PaymentIntent, customer, refund and Checkout events,
 * and the billing lifecycle: subscriptions, invoices (the upcoming one too),
 * SetupIntents and PaymentMethods
 * (`receiver.on('payment_intent.succeeded', e => e.payload.data.object.amount)`).
 */
export const STRIPE_EVENT_SCHEMAS = {
  ...schemas(PAYMENT_INTENT_TYPES, PaymentIntent),
  ...schemas(CUSTOMER_TYPES, Customer),
  ...schemas(REFUND_TYPES, Refund),
  ...schemas(CHECKOUT_TYPES, CheckoutSession),
  ...schemas(SUBSCRIPTION_TYPES, Subscription),
  ...schemas(INVOICE_TYPES, Invoice),
  ...schemas(UPCOMING_INVOICE_TYPES, UpcomingInvoice),
  ...schemas(SETUP_INTENT_TYPES, SetupIntent),
  ...schemas(PAYMENT_METHOD_TYPES, PaymentMethod),
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
 * with typed payloads for the payment and billing events. The connector carries it as
 * `webhooks`; give it (or the connector) to core's `createWebhookReceiver`.
 */
export const stripeWebhooks = defineWebhooks({
  name: 'stripe',
  verifier: (secrets: StripeWebhookSecrets) => stripeVerifier(secrets),
  envelope: StripeEventEnvelope,
  id: (event) => event.id,
  type: (event) => event.type,
  events: STRIPE_EVENT_SCHEMAS,
  // Stripe retries a delivery for up to 3 days in live mode.
  redeliveryMs: 3 * 24 * 60 * 60 * 1000,
});
