import { type AnyConnector, type ClientBase, definePoll, type PollDefinition } from '@junction/core';
import { CRM_EVENT_SCHEMAS, type CrmEvent, type CrmEventSchemas, type CrmEventType } from './crm-events.js';
import type { CrmObjectType } from './crm-objects.js';

/** One record that changed: created, updated or deleted, and when. */
export interface CrmChange<T = unknown> {
  kind: 'created' | 'updated' | 'deleted';
  objectType: CrmObjectType;
  id: string;
  /** The record as it is now; `null` when deleted. */
  record: T | null;
  /** When it last changed (for a deletion, when it was deleted). */
  modifiedAt: Date;
}

/** Changes strictly after a cursor, oldest first, and the cursor after them. */
export interface CrmChangePage<T = unknown> {
  changes: CrmChange<T>[];
  /** Resumes after these changes; `undefined` keeps the one given. Opaque: store it, don't read it. */
  cursor: string | undefined;
  /** More changes wait past this page. */
  more: boolean;
}

/** Options of one `sync.changes` call. */
export interface CrmChangesOptions {
  /** Where the last page ended; none for "from the beginning". */
  cursor?: string;
  /** Changes per page. Default 100. */
  limit?: number;
  signal?: AbortSignal;
}

/**
 * How a change feed waits for changes to settle. A provider's view of recent
 * changes is not final at once (HubSpot's search index lags behind writes;
 * Salesforce stamps changes to the second, so a later change in the same
 * second looks like the one already seen): changes newer than `lagMs` are
 * left for the next poll.
 */
export interface CrmSyncOptions {
  /** How recent a change may be to be handed over. Default: the provider's (HubSpot 10 s, Salesforce 2 s). */
  lagMs?: number;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/** What the unified interface needs of a provider to poll its changes. */
export interface CrmChangeFeed {
  readonly name: string;
  readonly client: ClientBase<AnyConnector>;
  readonly sync: { changes(type: CrmObjectType, options?: CrmChangesOptions): Promise<CrmChangePage> };
}

/** The unified event a polled change is. */
export function changeEvent(provider: string, change: CrmChange): CrmEvent {
  const modified = change.modifiedAt.getTime();
  return {
    id: `${change.objectType}:${change.id}:${change.kind === 'deleted' ? 'deleted' : modified}`,
    type: `${change.objectType}.${change.kind}` as CrmEventType,
    providerType: `poll.${change.kind}`,
    provider,
    objectType: change.objectType,
    objectId: change.id,
    occurredAt: change.modifiedAt,
    changed: null,
    raw: change,
  };
}

/**
 * Polls one record type's changes as unified events, for core's
 * `createPoller`: give it a cursor store and it resumes after a restart
 * where it stopped. The same call works on every provider.
 *
 * @example
 * const poller = createPoller(crm.client, { poll: crmChangesPoll(crm, 'contact'), cursors: createFileCursorStore('.cursors.json') });
 * poller.on('contact.updated', ({ payload }) => upsertLocal(payload.objectId));
 */
export function crmChangesPoll(
  provider: CrmChangeFeed,
  type: CrmObjectType,
  options: { limit?: number; intervalMs?: number } = {},
): PollDefinition<CrmEventSchemas, CrmEvent, ClientBase<AnyConnector>> {
  return definePoll({
    name: `${provider.name}:crm:${type}`,
    list: async (_client, cursor) => {
      const page = await provider.sync.changes(type, {
        ...(cursor === undefined ? {} : { cursor }),
        ...(options.limit ? { limit: options.limit } : {}),
      });
      return { events: page.changes.map((change) => changeEvent(provider.name, change)), cursor: page.cursor, more: page.more };
    },
    id: (event) => event.id,
    type: (event) => event.type,
    events: CRM_EVENT_SCHEMAS,
    intervalMs: options.intervalMs ?? 60_000,
  });
}
