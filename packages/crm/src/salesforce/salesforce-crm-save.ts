import { type CallOptions, InputValidationError } from '@junction/core';
import { type CrmBatchResult, chunked, failedItem } from '../unified/crm-batch.js';
import type { CrmObjectType } from '../unified/crm-objects.js';
import { customName } from '../unified/custom-fields.js';
import type { SalesforceClient } from './salesforce-connector.js';
import { SALESFORCE, SALESFORCE_FIELDS, type SalesforceOrgOptions } from './salesforce-crm-mapping.js';
import { SALESFORCE_COLLECTION_MAX } from './salesforce-operations-collections.js';
import type { SaveResult } from './salesforce-schemas.js';
import { isIn, soql } from './salesforce-soql.js';

type Row = Record<string, unknown> & { id: string };

/** What an upsert matches on: the Salesforce field, and whether Salesforce's own upsert takes it (an External ID field). */
export interface UpsertKey {
  field: string;
  externalId: boolean;
  /** The error for an input without the key. */
  missing: InputValidationError;
}

/**
 * The field an upsert by `by` matches on. A custom field is taken to be an
 * External ID field (Salesforce refuses the upsert otherwise, saying so);
 * `email` and `domain` are not, so the adapter looks them up itself.
 */
export function upsertKey(type: CrmObjectType, by: string, org: SalesforceOrgOptions): UpsertKey {
  const natural = by === 'email' || by === 'domain';
  const field = natural ? (SALESFORCE_FIELDS[type][by] as string) : customName(org.custom?.[type], SALESFORCE, by);
  const where = natural ? by : `custom.${by}`;
  const missing = new InputValidationError(
    `Invalid input for salesforce upsert: ${where} is required to upsert by ${by}. Nothing was sent.`,
    {
      issues: [{ path: where.split('.'), message: `Required to upsert by ${by}` }],
    },
  );
  return { field, externalId: !natural, missing };
}

/**
 * Save results (one per record sent, in order) as unified results, each
 * successful record read back; a thrown error fails every record it covered.
 */
export async function saveResults(
  saved: SaveResult[] | unknown,
  sent: readonly { index: number }[],
  read: (ids: readonly string[]) => Promise<Map<string, Row>>,
  created?: readonly boolean[],
): Promise<CrmBatchResult<Row>[]> {
  if (!Array.isArray(saved)) return sent.map(({ index }) => failedItem(index, saved));
  const results = saved as SaveResult[];
  const rows = await read(results.flatMap((result) => (result.success && result.id ? [result.id] : [])));
  return sent.map(({ index }, i): CrmBatchResult<Row> => {
    const result = results[i];
    const row = result?.id ? rows.get(result.id) : undefined;
    if (result?.success && row) {
      const isNew = created?.[i] ?? result.created;
      return { index, status: 'ok', record: row, ...(isNew === undefined ? {} : { created: isNew }) };
    }
    const error = result?.errors[0];
    return {
      index,
      status: 'failed',
      error: {
        message: error?.message ?? 'Salesforce did not save this record.',
        ...(error?.statusCode ? { code: error.statusCode } : {}),
        ...(error?.fields?.[0] ? { field: error.fields[0] } : {}),
      },
    };
  });
}

/**
 * Saves records in collections of 200, one request after another, each
 * record's result back at its place. A request that fails as a whole fails
 * its records, and the later ones are not sent (`NOT_SENT`): a create whose
 * outcome is unknown is never repeated blindly.
 */
export async function saveInChunks<T extends { index: number }>(
  send: readonly T[],
  save: (chunk: T[]) => Promise<SaveResult[]>,
  read: (ids: readonly string[]) => Promise<Map<string, Row>>,
  created?: boolean,
): Promise<CrmBatchResult<Row>[]> {
  const results: CrmBatchResult<Row>[] = [];
  for (const [n, { items }] of chunked(send, SALESFORCE_COLLECTION_MAX).entries()) {
    const saved = await save(items).catch((error: unknown) => error);
    results.push(...(await saveResults(saved, items, read, created === undefined ? undefined : items.map(() => created))));
    if (Array.isArray(saved)) continue;
    for (const { index } of send.slice((n + 1) * SALESFORCE_COLLECTION_MAX)) {
      results.push({ index, status: 'failed', error: { message: 'Not sent: an earlier request of this batch failed.', code: 'NOT_SENT' } });
    }
    break;
  }
  return results;
}

/**
 * An upsert on a field that is not an External ID: the records with those
 * values are looked up (200 values a query), then the new ones created and
 * the others updated, in collections of 200. A value found on two records
 * is refused rather than guessed; a value repeated in the batch is saved once.
 */
export async function upsertMatching(
  client: SalesforceClient,
  sobject: string,
  field: string,
  send: readonly { index: number; item: Record<string, unknown> }[],
  read: (ids: readonly string[]) => Promise<Map<string, Row>>,
  options: CallOptions,
): Promise<CrmBatchResult<Row>[]> {
  const values = [...new Set(send.map((s) => String(s.item[field])))];
  const found = new Map<string, string[]>();
  for (let i = 0; i < values.length; i += SALESFORCE_COLLECTION_MAX) {
    const query = soql
      .select(['Id', field])
      .from(sobject)
      .where(isIn(field, values.slice(i, i + SALESFORCE_COLLECTION_MAX)));
    for await (const row of client.queryRecords(query, options)) {
      const key = String((row as Record<string, unknown>)[field]);
      found.set(key, [...(found.get(key) ?? []), String(row.Id)]);
    }
  }
  const results: CrmBatchResult<Row>[] = [];
  const creates: { index: number; item: Record<string, unknown> }[] = [];
  const updates: { index: number; item: Record<string, unknown> & { Id: string } }[] = [];
  const seen = new Set<string>();
  for (const entry of send) {
    const value = String(entry.item[field]);
    const ids = found.get(value) ?? [];
    if (seen.has(value)) {
      results.push({
        index: entry.index,
        status: 'failed',
        error: { message: `${field} ${value} appears earlier in this batch.`, code: 'DUPLICATE_VALUE', field },
      });
    } else if (ids.length > 1) {
      results.push({
        index: entry.index,
        status: 'failed',
        error: {
          message: `${ids.length} ${sobject} records have ${field} ${value}: merge them, or upsert by an External ID field.`,
          code: 'DUPLICATE_VALUE',
          field,
        },
      });
    } else if (ids[0]) updates.push({ index: entry.index, item: { ...entry.item, Id: ids[0] } });
    else creates.push(entry);
    seen.add(value);
  }
  const create = (chunk: typeof creates) =>
    client.createMany(
      sobject,
      chunk.map((c) => c.item),
      options,
    );
  const update = (chunk: typeof updates) =>
    client.updateMany(
      sobject,
      chunk.map((u) => u.item),
      options,
    );
  results.push(...(await saveInChunks(creates, create, read, true)), ...(await saveInChunks(updates, update, read, false)));
  return results;
}
