import {
  type AnyConnector,
  type ClientBase,
  definePoll,
  defineWebhooks,
  InputValidationError,
  type PollDefinition,
  parseLenient,
} from '@junction/core';
import { toIssues } from '@junction/core/utils';
import { z } from 'zod';
import {
  type CheckoutEvent,
  type CustomerEvent,
  type InvoiceEvent,
  PAYMENT_EVENT_TYPE_LIST,
  type PaymentChangeEvent,
  type PaymentEvent,
  type PaymentEventOf,
  type PaymentEventType,
  type RefundEvent,
  type SubscriptionEvent,
} from '../unified/events.js';
import { CheckoutSession, Customer, Event, Invoice, PaymentIntent, Refund, Subscription } from './stripe-objects.generated.js';
import { toInvoice, toSubscription } from './stripe-payments-billing.js';
import { fromUnix, type StripeRawTypes, toCheckoutSession, toCustomer, toPayment, toRefund } from './stripe-payments-convert.js';
import { type ListSinceOptions, listEventsSince } from './stripe-poll.js';
import { stripeVerifier } from './stripe-signature.js';
import { StripeEventEnvelope, type StripeWebhookSecrets, stripeWebhooks } from './stripe-webhooks.js';

/** Stripe customer events → unified (same names). */
export const CUSTOMER_TYPES: Record<string, CustomerEvent['type']> = {
  'customer.created': 'customer.created',
  'customer.updated': 'customer.updated',
  'customer.deleted': 'customer.deleted',
};

/** Stripe PaymentIntent events → unified payment events. */
export const PAYMENT_TYPES: Record<string, PaymentChangeEvent['type']> = {
  'payment_intent.created': 'payment.created',
  'payment_intent.processing': 'payment.processing',
  'payment_intent.requires_action': 'payment.requires_action',
  'payment_intent.amount_capturable_updated': 'payment.authorized',
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.canceled',
};

/** Stripe Checkout events → unified checkout events. */
export const CHECKOUT_TYPES: Record<string, CheckoutEvent['type']> = {
  'checkout.session.completed': 'checkout.completed',
  'checkout.session.expired': 'checkout.expired',
};

/** Stripe subscription events → unified; `trial_will_end` is a reminder, not a change, so it stays `unknown`. */
export const SUBSCRIPTION_TYPES: Record<string, SubscriptionEvent['type']> = {
  'customer.subscription.created': 'subscription.created',
  'customer.subscription.updated': 'subscription.updated',
  'customer.subscription.deleted': 'subscription.canceled',
};

/** Stripe invoice events → unified. */
export const INVOICE_TYPES: Record<string, InvoiceEvent['type']> = {
  'invoice.paid': 'invoice.paid',
  'invoice.payment_failed': 'invoice.payment_failed',
};

/** Stripe events that carry a refund object. */
export const REFUND_SOURCES = ['refund.created', 'refund.updated', 'charge.refund.updated'] as const;

const FINAL_REFUND_STATES = new Set(['succeeded', 'failed', 'canceled']);

/**
 * The unified type of a refund event: `refund.<state>` when the refund
 * reaches a final state (created in it, or its status just changed to it),
 * else `refund.created` / `refund.updated`.
 */
export function refundEventType(providerType: string, status: string | null | undefined, previous: unknown): RefundEvent['type'] {
  const statusChanged = providerType === 'refund.created' || (typeof previous === 'object' && previous !== null && 'status' in previous);
  if (statusChanged && status && FINAL_REFUND_STATES.has(status)) return `refund.${status}` as RefundEvent['type'];
  return providerType === 'refund.created' ? 'refund.created' : 'refund.updated';
}

/** The Stripe event types that can become each unified type, for filtering `/v1/events`. */
export function stripeTypesFor(types: readonly PaymentEventType[]): string[] {
  const out = new Set<string>();
  for (const type of types) {
    if (type.startsWith('refund.')) for (const source of REFUND_SOURCES) out.add(source);
    for (const table of [CUSTOMER_TYPES, PAYMENT_TYPES, CHECKOUT_TYPES, SUBSCRIPTION_TYPES, INVOICE_TYPES]) {
      for (const [stripe, unified] of Object.entries(table)) if (unified === type) out.add(stripe);
    }
  }
  return [...out];
}

/**
 * A Stripe event (a verified webhook payload, or one from `/v1/events`) in
 * unified form. An event type it does not map, or an object that does not
 * read as its type, becomes `type: 'unknown'` with Stripe's object in
 * `data`: an event is never dropped, and a webhook handler never fails
 * (and gets redelivered for days) over a shape it cannot read.
 */
export function toPaymentEvent(value: unknown): PaymentEvent<StripeRawTypes> {
  const parsed = parseLenient(Event, value);
  if (!parsed.success) {
    throw new InputValidationError(
      'Not a Stripe event: expected an object with id, type, created and data.object. Pass the parsed webhook body or an event from listEvents.',
      { issues: toIssues(parsed.error) },
    );
  }
  const event = parsed.data;
  const base = { id: event.id, providerType: event.type, createdAt: fromUnix(event.created), livemode: event.livemode, raw: event };
  const object = event.data.object;
  const unknown = (): PaymentEvent<StripeRawTypes> => ({ ...base, type: 'unknown', data: object });

  const customerType = CUSTOMER_TYPES[event.type];
  if (customerType) {
    const customer = parseLenient(Customer, object);
    return customer.success ? { ...base, type: customerType, data: toCustomer(customer.data) } : unknown();
  }
  const paymentType = PAYMENT_TYPES[event.type];
  if (paymentType) {
    const intent = parseLenient(PaymentIntent, object);
    return intent.success ? { ...base, type: paymentType, data: toPayment(intent.data) } : unknown();
  }
  const checkoutType = CHECKOUT_TYPES[event.type];
  if (checkoutType) {
    const session = parseLenient(CheckoutSession, object);
    return session.success ? { ...base, type: checkoutType, data: toCheckoutSession(session.data) } : unknown();
  }
  const subscriptionType = SUBSCRIPTION_TYPES[event.type];
  if (subscriptionType) {
    const subscription = parseLenient(Subscription, object);
    return subscription.success ? { ...base, type: subscriptionType, data: toSubscription(subscription.data) } : unknown();
  }
  const invoiceType = INVOICE_TYPES[event.type];
  if (invoiceType) {
    const invoice = parseLenient(Invoice, object);
    return invoice.success ? { ...base, type: invoiceType, data: toInvoice(invoice.data) } : unknown();
  }
  if ((REFUND_SOURCES as readonly string[]).includes(event.type)) {
    const refund = parseLenient(Refund, object);
    if (!refund.success) return unknown();
    const type = refundEventType(event.type, refund.data.status, event.data.previous_attributes);
    return { ...base, type, data: toRefund(refund.data) };
  }
  return unknown();
}

/** Each unified event type's schema: it turns the Stripe event into the unified event. */
export type PaymentEventSchemas = { [T in PaymentEventType]: z.ZodType<PaymentEventOf<T, StripeRawTypes>> };

// Checks that a Stripe event reads as a unified event; the receiver parses with it, so handlers get the unified form.
const unified = z.unknown().transform((event, ctx) => {
  try {
    return toPaymentEvent(event);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});

/** The schemas of every unified type (they all normalize; the type picks the handler). */
export const PAYMENT_EVENT_SCHEMAS = Object.fromEntries(
  PAYMENT_EVENT_TYPE_LIST.map((type) => [type, unified]),
) as unknown as PaymentEventSchemas;

/**
 * The unified type of a Stripe event (`payment.succeeded` for
 * `payment_intent.succeeded`), or Stripe's own type when it has none, so
 * unmapped events still reach `onUnknown` under their real name.
 */
export function paymentEventType(event: unknown): string {
  const normalized = toPaymentEvent(event);
  return normalized.type === 'unknown' ? normalized.providerType : normalized.type;
}

/**
 * Stripe webhooks as unified payment events: `receiver.on('payment.succeeded',
 * e => e.payload.data.amount)`, where `payload` is a `PaymentEvent` whose
 * `raw` is Stripe's event. Same verification and dedupe on the Stripe event
 * id; its own namespace (`stripe:payments`), so it never shares dedupe with
 * a receiver of raw Stripe events.
 */
export const stripePaymentWebhooks = defineWebhooks({
  name: 'stripe:payments',
  verifier: (secrets: StripeWebhookSecrets) => stripeVerifier(secrets),
  envelope: StripeEventEnvelope.extend({ created: z.number(), data: z.object({ object: z.unknown() }) }),
  id: (event) => event.id,
  type: (event) => paymentEventType(event),
  events: PAYMENT_EVENT_SCHEMAS,
  redeliveryMs: stripeWebhooks.redeliveryMs,
});

/** Options for {@link stripePaymentPoll}. */
export interface StripePaymentPollOptions extends Omit<ListSinceOptions, 'types'> {
  /** Only these unified types. Default: every event (unmapped ones arrive as unknown). */
  types?: readonly PaymentEventType[];
  /** Time between polls once caught up. Default 60 s. */
  intervalMs?: number;
}

/**
 * Polls Stripe's events as unified payment events: the fallback for
 * {@link stripePaymentWebhooks}, with the same ids, types and namespace, so
 * the two share dedupe when they share a store.
 */
export function stripePaymentPoll(
  options: StripePaymentPollOptions = {},
): PollDefinition<PaymentEventSchemas, Event, ClientBase<AnyConnector>> {
  const types = options.types ? stripeTypesFor(options.types) : undefined;
  return definePoll({
    name: 'stripe:payments',
    list: (client: ClientBase<AnyConnector>, cursor) => listEventsSince(client, cursor, { ...options, ...(types ? { types } : {}) }),
    id: (event: Event) => event.id,
    type: (event: Event) => paymentEventType(event),
    events: PAYMENT_EVENT_SCHEMAS,
    intervalMs: options.intervalMs ?? 60_000,
  });
}
