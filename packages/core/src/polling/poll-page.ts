import { ConfigurationError } from '../errors/configuration-error.js';
import type { EventRouter } from '../webhooks/events/event-router.js';
import type { EventSchemas } from '../webhooks/events/event-types.js';
import type { ReceivedEventSummary } from '../webhooks/receiver/create-receiver.js';
import type { CursorStore, PollCheckpoint } from './cursor-store.js';
import type { AnyPollDefinition } from './poll-definition.js';

/** What one page did. */
export interface PageResult {
  events: ReceivedEventSummary[];
  /** The cursor after the page. */
  cursor: string | undefined;
  /** True when the provider has more events past this page. */
  more: boolean;
}

/** Everything one page needs. */
export interface PageContext {
  definition: AnyPollDefinition;
  client: unknown;
  router: EventRouter<EventSchemas>;
  cursors: CursorStore;
  key: string;
  initialCursor: string | undefined;
}

/**
 * Lists and handles one page. Events run in order; after each success its id
 * is checkpointed, and the cursor moves past the page only once every event
 * of it is handled. A handler failure stops the page there: the next run
 * lists the same page again and skips what is already done.
 */
export async function pollPage(ctx: PageContext): Promise<PageResult> {
  const saved: PollCheckpoint = (await ctx.cursors.get(ctx.key)) ?? {};
  const cursor = 'cursor' in saved ? saved.cursor : ctx.initialCursor;
  const page = await ctx.definition.list(ctx.client, cursor);
  const handled = new Set(saved.handled ?? []);
  const events: ReceivedEventSummary[] = [];
  for (const item of page.events) {
    const { id, type } = identify(ctx.definition, item, cursor);
    if (handled.has(id)) {
      events.push({ id, type, outcome: 'duplicate' });
      continue;
    }
    const outcome = await ctx.router.dispatch({ id, type, payload: item }, 'poll');
    handled.add(id);
    await ctx.cursors.set(ctx.key, withCursor(cursor, [...handled]));
    events.push({ id, type, outcome });
  }
  const next = page.cursor ?? cursor;
  // Also persists a first cursor given as initialCursor, so a restart does not recompute it (e.g. "now") and skip events.
  if (next !== saved.cursor || handled.size > 0) await ctx.cursors.set(ctx.key, withCursor(next, []));
  // A page that claims more but moves nowhere would loop forever; treat it as the end.
  const more = page.more === true && (next !== cursor || page.events.length > 0);
  return { events, cursor: next, more };
}

function withCursor(cursor: string | undefined, handled: string[]): PollCheckpoint {
  return cursor === undefined ? { handled } : { cursor, handled };
}

function identify(definition: AnyPollDefinition, item: unknown, cursor: string | undefined): { id: string; type: string } {
  const id = definition.id(item);
  const type = definition.type(item);
  if ((typeof id !== 'string' && typeof id !== 'number') || id === '' || typeof type !== 'string' || type === '') {
    throw new ConfigurationError(
      `An event listed after cursor ${JSON.stringify(cursor)} has no ${typeof type === 'string' && type ? 'id' : 'type'} by the poll declaration's id()/type(); ` +
        'without both it can be neither deduplicated nor dispatched. Nothing past it was handled.',
    );
  }
  return { id: String(id), type };
}
