import {
  type AnyConnector,
  type ClientBase,
  definePoll,
  defineWebhooks,
  type PollDefinition,
  stripe as stripeVerifier,
} from '@junction/core';
import { z } from 'zod';
import { PAYMENT_EVENT_TYPE_LIST, type PaymentEventOf, type PaymentEventType } from '../../unified/events.js';
import type { Event } from '../schemas/objects.generated.js';
import { StripeEventEnvelope } from '../webhooks/event-schema.js';
import { type ListSinceOptions, listEventsSince } from '../webhooks/poll-events.js';
import type { StripeWebhookSecrets } from '../webhooks/stripe-webhooks.js';
import { stripeTypesFor } from './event-types.js';
import type { StripeRawTypes } from './raw-types.js';
import { toPaymentEvent } from './to-event.js';

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
