import type { CallOptions, Client } from '@junction/core';
import { SALESFORCE_COLLECTION_MAX, type salesforceCollectionOperations } from './salesforce-operations-collections.js';
import type { RecordFields, SaveResult } from './salesforce-schemas.js';

type CollectionClient = Client<{
  name: string;
  baseUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: only the collection operations are used.
  auth: any;
  operations: typeof salesforceCollectionOperations;
}>;

/** Options of the chunked collection helpers. */
export interface ManyOptions extends CallOptions {
  /** Roll back a whole request (of up to 200) when one record fails. Default false: each record succeeds or fails alone. */
  allOrNone?: boolean;
}

/**
 * Collections of any size, sent 200 at a time, one request after another.
 * Results come back one per record, in the order given. `allOrNone` holds
 * within each request of 200, not across them.
 */
export interface CollectionMethods {
  /** Creates the records (a side effect: a retried chunk may create twice; prefer `upsertMany`). */
  createMany(sobject: string, records: readonly RecordFields[], options?: ManyOptions): Promise<SaveResult[]>;
  /** Updates the records; each needs its `Id`. */
  updateMany(sobject: string, records: readonly (RecordFields & { Id: string })[], options?: ManyOptions): Promise<SaveResult[]>;
  /** Creates or updates the records by `externalIdField`: running it twice creates nothing new. */
  upsertMany(sobject: string, externalIdField: string, records: readonly RecordFields[], options?: ManyOptions): Promise<SaveResult[]>;
  /** Deletes the records with these ids. */
  deleteMany(ids: readonly string[], options?: ManyOptions): Promise<SaveResult[]>;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SALESFORCE_COLLECTION_MAX) out.push(items.slice(i, i + SALESFORCE_COLLECTION_MAX));
  return out;
}

const typed = (sobject: string, record: RecordFields) => ({ ...record, attributes: { type: sobject } });

/** The chunked helpers for a client with the collection operations. */
export function collectionMethods(client: CollectionClient): CollectionMethods {
  const run = async <T>(items: readonly T[], send: (chunk: T[]) => Promise<SaveResult[]>): Promise<SaveResult[]> => {
    const out: SaveResult[] = [];
    for (const chunk of chunks(items)) out.push(...(await send(chunk)));
    return out;
  };
  return {
    createMany: (sobject, records, { allOrNone = false, ...options } = {}) =>
      run(records, (chunk) => client.createRecords({ allOrNone, records: chunk.map((r) => typed(sobject, r)) }, options)),
    updateMany: (sobject, records, { allOrNone = false, ...options } = {}) =>
      run(records, (chunk) =>
        client.updateRecords({ allOrNone, records: chunk.map(({ Id, ...r }) => ({ ...typed(sobject, r), id: Id })) }, options),
      ),
    upsertMany: (sobject, externalIdField, records, { allOrNone = false, ...options } = {}) =>
      run(records, (chunk) =>
        client.upsertRecords({ sobject, externalIdField, allOrNone, records: chunk.map((r) => typed(sobject, r)) }, options),
      ),
    deleteMany: (ids, { allOrNone = false, ...options } = {}) =>
      run(ids, (chunk) => client.deleteRecords({ ids: chunk, allOrNone }, options)),
  };
}
