import { definePoll, type PollDefinition, type PollPage } from '@junction/core';
import { z } from 'zod';
import type { SalesforceClient } from './salesforce-connector.js';
import type { SalesforceRecord } from './salesforce-schemas.js';
import { and, eq, gt, lt, or, soql, soqlField, soqlObject } from './salesforce-soql.js';

/** A changed or deleted record found by polling. */
export interface SalesforceChange {
  /** `<sobject>.changed` or `<sobject>.deleted`. */
  type: string;
  /** `<Id>@<SystemModstamp>`: one id per version of a record, so each change is handled once. */
  id: string;
  sobject: string;
  record: SalesforceRecord & { Id: string; SystemModstamp: string; IsDeleted?: boolean };
}

/** Options for {@link salesforceChangePoll}. */
export interface SalesforceChangePollOptions {
  /** The object to watch, e.g. `Contact`. */
  sobject: string;
  /** The fields to read besides `Id`, `SystemModstamp` and `IsDeleted`. Default none. */
  fields?: readonly string[];
  /** Rows per query (SOQL `LIMIT`). Default 200. */
  pageSize?: number;
  /** Time between polls once caught up. Default 60 s. */
  intervalMs?: number;
  /**
   * Changes at or after this time are left for a later poll. Salesforce
   * stamps changes to the second, so a change later in the same second as
   * the last one handed over would sort before the cursor and be skipped:
   * give a time at least a second behind now (the unified adapter uses
   * now − 2 s). Default: none.
   */
  settledBefore?: () => Date;
}

/** The cursor: the last record handled, by `SystemModstamp` then `Id`. */
interface ChangeCursor {
  t: string;
  id: string;
}

const Change = z.looseObject({ type: z.string(), id: z.string(), sobject: z.string(), record: z.looseObject({ Id: z.string() }) });

/**
 * The default change feed: polls one object with `queryAll` (so deletions
 * come as rows with `IsDeleted = true`) ordered by `SystemModstamp, Id`, and
 * keeps as cursor the last record's `SystemModstamp` and `Id`. Resumable with
 * any core cursor store. Events: `<sobject>.changed`, `<sobject>.deleted`.
 *
 * Each query asks for rows strictly after the cursor: `SystemModstamp > t
 * OR (SystemModstamp = t AND Id > id)`. Salesforce keeps datetimes to the
 * second (the API shows `.000`), which is also how SOQL literals are written,
 * so the comparison is exact; rows at or before the cursor are dropped here
 * as well, in case an org ever keeps finer stamps.
 */
export function salesforceChangePoll(
  options: SalesforceChangePollOptions,
): PollDefinition<Record<string, typeof Change>, SalesforceChange, SalesforceClient> {
  const sobject = soqlObject(options.sobject);
  const extra = (options.fields ?? []).map(soqlField).filter((f) => !['Id', 'SystemModstamp', 'IsDeleted'].includes(f));
  const pageSize = options.pageSize ?? 200;
  const fields = ['Id', 'SystemModstamp', 'IsDeleted', ...extra];
  return definePoll({
    name: `salesforce:${sobject}`,
    events: { [`${sobject}.changed`]: Change, [`${sobject}.deleted`]: Change },
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    async list(client: SalesforceClient, cursorText: string | undefined): Promise<PollPage<SalesforceChange>> {
      const cursor = cursorText ? (JSON.parse(cursorText) as ChangeCursor) : undefined;
      let query = soql.select(fields).from(sobject);
      if (cursor) {
        const at = new Date(toIso(cursor.t));
        // Strictly after the last record handled: a later stamp, or the same stamp and a greater Id.
        query = query.where(or(gt('SystemModstamp', at), and(eq('SystemModstamp', at), gt('Id', cursor.id))));
      }
      // Whole seconds only: a second is read once it is over.
      const settled = options.settledBefore?.();
      if (settled) query = query.where(lt('SystemModstamp', new Date(Math.floor(settled.getTime() / 1000) * 1000)));
      query = query.orderBy('SystemModstamp').orderBy('Id').limit(pageSize);
      const page = await client.queryAll({ q: query });
      const rows = page.records as SalesforceChange['record'][];
      const events = rows
        .filter((row) => !cursor || after(row, cursor))
        .map((row) => ({
          type: `${sobject}.${row.IsDeleted ? 'deleted' : 'changed'}`,
          id: `${row.Id}@${row.SystemModstamp}`,
          sobject,
          record: row,
        }));
      const last = rows.at(-1);
      return {
        events,
        cursor: last ? JSON.stringify({ t: last.SystemModstamp, id: last.Id } satisfies ChangeCursor) : cursorText,
        more: rows.length === pageSize,
      };
    },
    id: (event) => event.id,
    type: (event) => event.type,
  });
}

// Salesforce writes datetimes as 2026-01-31T12:00:00.000+0000; Date.parse wants the offset's colon.
function toIso(stamp: string): string {
  return stamp.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
}

/** A Salesforce datetime (`2026-01-31T12:00:00.000+0000`) as a Date. */
export function salesforceTime(stamp: string): Date {
  return new Date(toIso(stamp));
}

function after(row: { Id: string; SystemModstamp: string }, cursor: ChangeCursor): boolean {
  const a = Date.parse(toIso(row.SystemModstamp));
  const b = Date.parse(toIso(cursor.t));
  return a > b || (a === b && row.Id > cursor.id);
}
