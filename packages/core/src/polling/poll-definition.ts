import type { ClientBase } from '../client/types.js';
import type { AnyConnector } from '../connector/define-connector.js';
import type { EventSchemas } from '../webhooks/events/event-types.js';

/** One page of events from the provider. */
export interface PollPage<TEvent> {
  /** Events strictly after the cursor, in the order to handle them (oldest first). */
  events: readonly TEvent[];
  /** The cursor that resumes after these events (a time or an id); `undefined` keeps the current one. */
  cursor: string | undefined;
  /** True when more events wait past this page: the poller fetches it at once instead of waiting. */
  more?: boolean;
}

/**
 * How to list a provider's events since a cursor, for providers or
 * environments without webhooks. A connector carries one as `poll`; made
 * with {@link definePoll}. Events go through the same typed handlers and
 * dedupe as webhooks, so give them the same ids and types.
 */
export interface PollDefinition<S extends EventSchemas = EventSchemas, TEvent = unknown, TClient = ClientBase<AnyConnector>> {
  /** Scopes event ids in the dedupe store; default: the connector's name (the same as its webhooks, so an event seen both ways runs once). */
  name?: string;
  /**
   * Lists the events after `cursor` (`undefined` on the first run, unless
   * the poller is given `initialCursor`). Call the API through `client` so
   * its retry, rate limit and auth apply.
   */
  list(client: TClient, cursor: string | undefined): Promise<PollPage<TEvent>>;
  /** The event's id, the dedupe key. */
  id(event: TEvent): string | number | undefined;
  /** The event's type, which picks its handlers and schema. */
  type(event: TEvent): string | undefined;
  /** The schema of each event type you want typed handlers for; other types arrive as unknown events. */
  events: S;
  /** Time between polls once caught up. Default 60 s. */
  intervalMs?: number;
}

/** Any poll declaration, whatever its types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest declaration accepts every event and client type.
export type AnyPollDefinition = PollDefinition<EventSchemas, any, any>;

/** Declares how to poll a provider's events, with `id` and `type` typed by what `list` returns. */
export function definePoll<const S extends EventSchemas, TEvent, TClient = ClientBase<AnyConnector>>(
  definition: PollDefinition<S, TEvent, TClient>,
): PollDefinition<S, TEvent, TClient> {
  return definition;
}
