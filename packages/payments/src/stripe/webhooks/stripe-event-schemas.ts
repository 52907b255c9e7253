import type { z } from 'zod';
import { CheckoutSession, Customer, PaymentIntent, Refund } from '../schemas/objects.generated.js';
import { type StripeEventOf, stripeEventSchema } from './event-schema.js';

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
