import type { CrmObjectType } from '../unified/crm-objects.js';
import type { CrmChangePage, CrmChangesOptions, CrmSyncOptions } from '../unified/crm-sync.js';
import type { SalesforceClient } from './salesforce-connector.js';
import { fromSalesforce, SALESFORCE_OBJECTS, type SalesforceOrgOptions, salesforceFields } from './salesforce-crm-mapping.js';
import { salesforceChangePoll, salesforceTime } from './salesforce-poll.js';

/** How far behind now the change feed reads: Salesforce stamps to the second, plus a margin for clock skew. */
export const SALESFORCE_SYNC_LAG_MS = 2000;

/**
 * What changed in one record type since a cursor: the connector's change
 * feed (`queryAll` ordered by `SystemModstamp, Id`, so deletions still in
 * the recycle bin come as rows with `IsDeleted`), each row a unified change.
 * A record created after the cursor's time, or not changed since it was
 * created, is `created`; else `updated`. Only whole seconds at least the lag
 * behind now are read, so a change is never taken for one already seen.
 */
export async function salesforceChanges(
  client: SalesforceClient,
  type: CrmObjectType,
  org: SalesforceOrgOptions,
  options: CrmChangesOptions,
  settle: CrmSyncOptions = {},
): Promise<CrmChangePage> {
  const now = settle.now ?? Date.now;
  const lag = settle.lagMs ?? SALESFORCE_SYNC_LAG_MS;
  const feed = salesforceChangePoll({
    sobject: SALESFORCE_OBJECTS[type],
    fields: salesforceFields(type, org),
    pageSize: options.limit ?? 200,
    settledBefore: () => new Date(now() - lag),
  });
  const since = options.cursor ? salesforceTime((JSON.parse(options.cursor) as { t: string }).t).getTime() : undefined;
  const page = await feed.list(client, options.cursor);
  return {
    changes: page.events.map((event) => {
      const row = event.record;
      const modifiedAt = salesforceTime(row.SystemModstamp);
      if (row.IsDeleted) return { kind: 'deleted' as const, objectType: type, id: row.Id, record: null, modifiedAt };
      // Salesforce stamps to the second: a record never changed since its creation has both stamps equal.
      const createdAt = typeof row.CreatedDate === 'string' ? salesforceTime(row.CreatedDate).getTime() : Number.NaN;
      const fresh = since === undefined || createdAt > since || createdAt === modifiedAt.getTime();
      const kind = fresh ? ('created' as const) : ('updated' as const);
      return { kind, objectType: type, id: row.Id, record: fromSalesforce(type, row, org), modifiedAt };
    }),
    cursor: page.cursor,
    more: page.more === true,
  };
}
