import { type AnyConnector, type ClientBase, definePoll, type PollDefinition } from '@junction/core';
import type { Event } from '../schemas/objects.generated.js';
import { type ListSinceOptions, listEventsSince } from './poll-events.js';
import { STRIPE_EVENT_SCHEMAS, type StripeEventSchemas } from './stripe-event-schemas.js';

/** Options for {@link stripePoll}. */
export interface StripePollOptions extends ListSinceOptions {
  /** Time between polls once caught up. Default 60 s. */
  intervalMs?: number;
}

/**
 * Polls `/v1/events` (the last 30 days), the fallback when webhooks cannot
 * reach you: the same event ids, types and typed payloads as the webhooks,
 * so a receiver and a poller sharing a store handle each event once. Give
 * it to core's `createPoller` (the connector carries the default one).
 */
export function stripePoll(options: StripePollOptions = {}): PollDefinition<StripeEventSchemas, Event, ClientBase<AnyConnector>> {
  return definePoll({
    name: 'stripe',
    list: (client: ClientBase<AnyConnector>, cursor) => listEventsSince(client, cursor, options),
    id: (event: Event) => event.id,
    type: (event: Event) => event.type,
    events: STRIPE_EVENT_SCHEMAS,
    intervalMs: options.intervalMs ?? 60_000,
  });
}

/** The poll declaration the connector carries: every event type, 100 per page, every 60 s. */
export const stripeEventsPoll = stripePoll();
