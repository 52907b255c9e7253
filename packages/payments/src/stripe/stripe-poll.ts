import { type AnyConnector, type ClientBase, definePoll, isApiError, type PollDefinition } from '@junction/core';
import { stripeList } from './stripe-lists.js';
import { Event } from './stripe-objects.generated.js';
import { STRIPE_EVENT_SCHEMAS, type StripeEventSchemas } from './stripe-webhooks.js';

/** One page of events for the poller: oldest first, and where the next page starts. */
export interface StripeEventPage {
  events: Event[];
  cursor: string | undefined;
  more: boolean;
}

/** How the poller lists `/v1/events`. */
export interface ListSinceOptions {
  /** Only these Stripe types (up to 20; `payment_intent.*` wildcards work). Default: all. */
  types?: readonly string[];
  /** Events per request, 1–100. Default 100. */
  pageSize?: number;
  /** The clock, in milliseconds, for the first cursor ("from now"). */
  now?: () => number;
}

const EventPage = stripeList(Event);

/**
 * Stripe's events after a cursor, oldest first. The cursor is
 * `evt_…@<created>` (the last event handled, and its time) or a bare unix
 * time `<seconds>` meaning "everything since then"; with none, polling
 * starts from now.
 *
 * After an event id it asks `ending_before` that id, which gives the
 * events just newer than it. If Stripe no longer has the event (its list
 * keeps 30 days), it falls back to the time part, so a long outage resumes
 * with what Stripe still has instead of failing forever.
 */
export async function listEventsSince(
  client: ClientBase<AnyConnector>,
  cursor: string | undefined,
  options: ListSinceOptions = {},
): Promise<StripeEventPage> {
  const limit = options.pageSize ?? 100;
  const types = options.types && options.types.length > 0 ? { types: [...options.types] } : {};
  const list = async (query: Record<string, unknown>) =>
    (await client.request({ method: 'GET', path: '/v1/events', query: { limit, ...types, ...query }, output: EventPage })).data;

  const { id, since } = readCursor(cursor, options.now ?? Date.now);
  if (id) {
    try {
      const page = await list({ ending_before: id });
      // The page is newest first, nearest the cursor last: reverse it to handle in order.
      const events = [...page.data].reverse();
      return { events, cursor: events.length > 0 ? cursorOf(events.at(-1) as Event) : cursor, more: page.has_more };
    } catch (error) {
      if (!(isApiError(error) && error.code === 'resource_missing' && since !== undefined)) throw error;
    }
  }

  // Everything created at or after `since`, newest first across pages; then oldest first.
  const newestFirst: Event[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await list({ created: { gte: since }, ...(after ? { starting_after: after } : {}) });
    newestFirst.push(...page.data);
    after = page.data.at(-1)?.id;
    if (!page.has_more || !after) break;
  }
  const events = newestFirst.reverse();
  return { events, cursor: events.length > 0 ? cursorOf(events.at(-1) as Event) : String(since), more: false };
}

/** The cursor after `event`. */
export function cursorOf(event: Pick<Event, 'id' | 'created'>): string {
  return `${event.id}@${event.created}`;
}

function readCursor(cursor: string | undefined, nowMs: () => number): { id?: string; since?: number } {
  if (cursor === undefined || cursor === '') return { since: Math.floor(nowMs() / 1000) };
  if (/^\d+$/.test(cursor)) return { since: Number(cursor) };
  const [id, created] = cursor.split('@');
  return { ...(id ? { id } : {}), ...(created && /^\d+$/.test(created) ? { since: Number(created) } : {}) };
}

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
