import type { CrmObjectType } from '../unified/crm-objects.js';
import type { CrmChange, CrmChangePage, CrmChangesOptions, CrmSyncOptions } from '../unified/crm-sync.js';
import type { CustomFields } from '../unified/custom-fields.js';
import type { HubspotClient } from './hubspot-connector.js';
import { callOptionsOf } from './hubspot-crm-batch.js';
import { fromHubspot, HUBSPOT_FIELDS, HUBSPOT_TYPES, hubspotProperties } from './hubspot-crm-mapping.js';
import { HUBSPOT_SEARCH_MAX_LIMIT } from './hubspot-policies.js';

// Where a feed stands: the last change's time, and the ids already handed over at that time
// (HubSpot compares times to the millisecond, so several changes can share one).
interface Position {
  t: number;
  ids: string[];
}

const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString('base64url');

function decode(cursor: string | undefined): Position | undefined {
  if (cursor === undefined) return undefined;
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as Position;
    if (typeof position.t === 'number' && Array.isArray(position.ids)) return position;
  } catch {}
  throw new TypeError('This sync cursor was not made by the HubSpot change feed: pass back the `cursor` a page returned, as it was.');
}

/** How long HubSpot's search index may take to show a write. */
export const HUBSPOT_SYNC_LAG_MS = 10_000;

/**
 * What changed in one record type since a cursor, oldest first: records
 * modified since (a search on the last-modified property, sorted ascending)
 * and records archived since (HubSpot's archive, which search does not
 * reach, listed and filtered by `archivedAt`). A record created after the
 * cursor is `created`, else `updated`. Changes newer than the lag wait for
 * the next call, so a write the index shows late is not skipped.
 */
export async function hubspotChanges(
  client: HubspotClient,
  type: CrmObjectType,
  custom: CustomFields | undefined,
  options: CrmChangesOptions,
  settle: CrmSyncOptions = {},
): Promise<CrmChangePage> {
  const from = decode(options.cursor);
  const until = (settle.now ?? Date.now)() - (settle.lagMs ?? HUBSPOT_SYNC_LAG_MS);
  const limit = Math.min(options.limit ?? 100, HUBSPOT_SEARCH_MAX_LIMIT);
  const objectType = HUBSPOT_TYPES[type];
  const modified = HUBSPOT_FIELDS[type].updatedAt as string;
  const call = callOptionsOf(options);
  const seen = (id: string, at: number) => from !== undefined && at === from.t && from.ids.includes(id);
  const changes: CrmChange[] = [];
  // Changes already handed over at the cursor's time come first (GTE): page on past them, or a page
  // could hold nothing else and the feed would stall there, losing what shares that millisecond.
  let after: string | undefined;
  let fromSearch = 0;
  do {
    const page = await client.searchObjects(
      {
        objectType,
        filterGroups: [
          {
            filters: [
              ...(from ? [{ propertyName: modified, operator: 'GTE' as const, value: String(from.t) }] : []),
              { propertyName: modified, operator: 'LT' as const, value: String(until) },
            ],
          },
        ],
        sorts: [{ propertyName: modified, direction: 'ASCENDING' }],
        properties: hubspotProperties(type, custom),
        limit,
        ...(after === undefined ? {} : { after }),
      },
      call,
    );
    for (const object of page.results) {
      const modifiedAt = new Date(object.updatedAt);
      if (seen(object.id, modifiedAt.getTime())) continue;
      const createdAt = Date.parse(object.createdAt);
      const kind = from && createdAt <= from.t ? 'updated' : 'created';
      changes.push({ kind, objectType: type, id: object.id, record: fromHubspot(type, object, custom), modifiedAt });
      fromSearch++;
    }
    after = page.paging?.next?.after;
  } while (after !== undefined && fromSearch < limit);
  for await (const object of client.listObjects.items({ objectType, archived: true, limit: 100 }, call)) {
    const at = Date.parse(object.archivedAt ?? object.updatedAt);
    if ((from && at < from.t) || at >= until) continue;
    changes.push({ kind: 'deleted', objectType: type, id: object.id, record: null, modifiedAt: new Date(at) });
  }
  const fresh = changes
    .filter((change) => change.kind !== 'deleted' || !seen(change.id, change.modifiedAt.getTime()))
    .sort((a, b) => a.modifiedAt.getTime() - b.modifiedAt.getTime())
    .slice(0, limit);
  const last = fresh.at(-1);
  if (!last) return { changes: [], cursor: options.cursor, more: false };
  const t = last.modifiedAt.getTime();
  const ids = [...(from?.t === t ? from.ids : []), ...fresh.filter((c) => c.modifiedAt.getTime() === t).map((c) => c.id)];
  return { changes: fresh, cursor: encode({ t, ids }), more: after !== undefined || fresh.length === limit };
}
