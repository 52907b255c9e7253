import { isApiError, UnsupportedFeatureError } from '@junction/core';
import { byIndex, type CrmBatchResult, checkEach, chunked, failedItem } from '../unified/crm-batch.js';
import { checkInput } from '../unified/crm-input.js';
import type { CrmObjectType } from '../unified/crm-objects.js';
import type { CrmObjectApi, CrmProvider, CrmRequestOptions } from '../unified/crm-provider.js';
import type { CrmSyncOptions } from '../unified/crm-sync.js';
import type { CustomFields } from '../unified/custom-fields.js';
import { createSalesforceClient, type SalesforceClient, type SalesforceClientOptions } from './salesforce-connector.js';
import { salesforceAssociations } from './salesforce-crm-associations.js';
import { normalizeOutboundEvents } from './salesforce-crm-events.js';
import {
  fromSalesforce,
  SALESFORCE,
  SALESFORCE_OBJECTS,
  type SalesforceOrgOptions,
  salesforceCondition,
  salesforceFieldOf,
  salesforceFields,
  toSalesforceFields,
} from './salesforce-crm-mapping.js';
import { salesforcePipelines } from './salesforce-crm-pipelines.js';
import { saveInChunks, upsertKey, upsertMatching } from './salesforce-crm-save.js';
import { salesforceChanges } from './salesforce-crm-sync.js';
import { SALESFORCE_COLLECTION_MAX } from './salesforce-operations-collections.js';
import type { SaveResult } from './salesforce-schemas.js';
import { gt, isIn, type SoqlCondition, soql } from './salesforce-soql.js';

/** Options for {@link salesforceCrm}. */
export interface SalesforceCrmOptions<C extends CustomFields> {
  /** Your custom fields, with their Salesforce API names (see `defineCustomFields`). */
  customFields?: C;
  /** The org has multi-currency on, so deals read and write `CurrencyIsoCode`. Default false. */
  multiCurrency?: boolean;
  /** How the change feed waits for whole seconds (default lag 2 s). */
  sync?: CrmSyncOptions;
}

type AnyRecord = Record<string, unknown> & { id: string };
type Api = CrmObjectApi<AnyRecord, Record<string, unknown>, string, string>;

// SOQL's OFFSET stops at 2,000 rows: a search cursor is an offset.
const MAX_OFFSET = 2000;
const gone = (error: unknown) => isApiError(error) && (error.status === 404 || error.code === 'ENTITY_IS_DELETED');
const call = (options?: CrmRequestOptions) => (options?.signal ? { signal: options.signal } : {});

/**
 * The unified CRM interface over Salesforce: contacts (`Contact`), companies
 * (`Account`) and deals (`Opportunity`) through sObject rows, SOQL built
 * with escaped literals, and sObject Collections of 200 with per-item
 * results. Upserts by a field marked External ID go to Salesforce's upsert;
 * by `email` or `domain`, which are not, they look the record up first
 * (repeatable, but two concurrent upserts of a new address can both create).
 *
 * @example
 * const crm = salesforceCrm(createSalesforceClient({ auth }), { customFields });
 * const { items } = await crm.contacts.search({ filters: [{ field: 'email', op: 'eq', value: 'ada@example.com' }] });
 */
export function salesforceCrm<const C extends CustomFields = {}>(
  clientOrOptions: SalesforceClient | SalesforceClientOptions,
  options: SalesforceCrmOptions<C> = {},
): CrmProvider<C> {
  const client = 'connector' in clientOrOptions ? clientOrOptions : createSalesforceClient(clientOrOptions);
  const org: SalesforceOrgOptions = { custom: options.customFields, multiCurrency: options.multiCurrency ?? false };
  const provider = {
    name: SALESFORCE,
    client,
    contacts: objectApi(client, 'contact', org),
    companies: objectApi(client, 'company', org),
    deals: objectApi(client, 'deal', org),
    associations: salesforceAssociations(client),
    pipelines: salesforcePipelines(client),
    sync: { changes: (type: CrmObjectType, changeOptions = {}) => salesforceChanges(client, type, org, changeOptions, options.sync) },
    events: { normalize: normalizeOutboundEvents },
  };
  return provider as unknown as CrmProvider<C>;
}

function objectApi(client: SalesforceClient, type: CrmObjectType, org: SalesforceOrgOptions): Api {
  const sobject = SALESFORCE_OBJECTS[type];
  const fields = salesforceFields(type, org);
  const where = (what: string) => `salesforce.${sobject}.${what}`;
  const record = (row: Parameters<typeof fromSalesforce>[1]) => fromSalesforce(type, row, org) as AnyRecord;
  const fieldsOf = (input: unknown, what: string) => toSalesforceFields(type, checkInput(type, input, org.custom, where(what)), org);
  const select = (condition: SoqlCondition | undefined) => {
    const query = soql.select(fields).from(sobject);
    return condition ? query.where(condition) : query;
  };
  const read = async (ids: readonly string[], options?: CrmRequestOptions) => {
    const rows = new Map<string, AnyRecord>();
    for (const chunk of chunked(ids, SALESFORCE_COLLECTION_MAX)) {
      for await (const row of client.queryRecords(select(isIn('Id', chunk.items)), call(options))) rows.set(String(row.Id), record(row));
    }
    return rows;
  };
  const fetchOne = async (id: string, options?: CrmRequestOptions) => {
    try {
      return record(await client.getRecord({ sobject, id, fields }, call(options)));
    } catch (error) {
      if (gone(error)) return null;
      throw error;
    }
  };
  const mustFetch = async (id: string, options?: CrmRequestOptions) => {
    const found = await fetchOne(id, options);
    if (!found) throw new Error(`Salesforce saved ${sobject} ${id} but does not return it.`);
    return found;
  };

  const api: Api = {
    async create(input, options) {
      const saved = await client.createRecord({ sobject, ...fieldsOf(input, 'create') }, call(options));
      return mustFetch(String(saved.id), options);
    },
    get: fetchOne,
    async update(id, input, options) {
      await client.updateRecord({ sobject, id, ...fieldsOf(input, 'update') }, call(options));
      return mustFetch(id, options);
    },
    async delete(id, options) {
      await client.deleteRecord({ sobject, id }, call(options)).catch((error: unknown) => {
        if (!gone(error)) throw error;
      });
    },
    async list(options = {}) {
      // Keyset paging on Id: stable, and not capped as OFFSET is.
      const limit = options.limit ?? 100;
      const query = select(options.cursor ? gt('Id', options.cursor) : undefined)
        .orderBy('Id')
        .limit(limit + 1);
      const { records } = await client.query({ q: query }, call(options));
      const items = records.slice(0, limit).map(record);
      return { items, next: records.length > limit ? (items.at(-1)?.id ?? null) : null };
    },
    async search(query, options) {
      const limit = query.limit ?? 100;
      const offset = query.cursor ? Number(query.cursor) : 0;
      if (!Number.isInteger(offset) || offset < 0)
        throw new TypeError('This search cursor was not made by the Salesforce adapter: pass back `next` as it was.');
      if (offset + limit > MAX_OFFSET) {
        throw new UnsupportedFeatureError(
          SALESFORCE,
          `search past row ${MAX_OFFSET}`,
          'narrow the filters, or use sync.changes to walk every record',
        );
      }
      const conditions = (query.filters ?? []).map((filter) => salesforceCondition(type, filter, org));
      let q = select(
        conditions.length === 0 ? undefined : conditions.length === 1 ? conditions[0] : { kind: 'join', op: 'AND', conditions },
      );
      for (const sort of query.sorts ?? [])
        q = q.orderBy(salesforceFieldOf(type, sort.field, org), sort.direction === 'desc' ? 'DESC' : 'ASC');
      q = q.orderBy('Id').limit(limit + 1);
      if (offset > 0) q = q.offset(offset);
      const { records } = await client.query({ q }, call(options));
      return { items: records.slice(0, limit).map(record), next: records.length > limit ? String(offset + limit) : null };
    },
    async upsert(input, by, options) {
      const [result] = await api.batch.upsert([input], by, options);
      if (!result) throw new Error('Salesforce answered the upsert without a result.');
      if (result.status === 'failed') throw result.cause ?? new Error(result.error.message);
      return { record: result.record, created: result.created === true };
    },
    batch: {
      async create(inputs, options) {
        const checked = checkEach(inputs, (input) => fieldsOf(input, 'batch.create'));
        const save = (chunk: typeof checked.send) =>
          client.createMany(
            sobject,
            chunk.map((s) => s.item),
            call(options),
          );
        return byIndex([...checked.refused, ...(await saveInChunks(checked.send, save, (ids) => read(ids, options), true))]);
      },
      async get(ids, options) {
        const rows = await read(ids, options);
        return ids.map((id, index): CrmBatchResult<AnyRecord> => {
          const row = rows.get(id);
          return row
            ? { index, status: 'ok', record: row }
            : { index, status: 'failed', error: { message: `No ${sobject} with id ${id}.`, code: 'NOT_FOUND' } };
        });
      },
      async update(items, options) {
        const checked = checkEach(items, ({ id, ...input }) => ({ Id: id, ...fieldsOf(input, 'batch.update') }));
        const save = (chunk: typeof checked.send) =>
          client.updateMany(
            sobject,
            chunk.map((s) => s.item),
            call(options),
          );
        return byIndex([...checked.refused, ...(await saveInChunks(checked.send, save, (ids) => read(ids, options)))]);
      },
      async upsert(inputs, by, options) {
        const key = upsertKey(type, by, org);
        const checked = checkEach(inputs, (input) => {
          const values = fieldsOf(input, 'batch.upsert');
          if (values[key.field] === undefined || values[key.field] === '') throw key.missing;
          return values;
        });
        if (key.externalId) {
          const save = (chunk: typeof checked.send) =>
            client.upsertMany(
              sobject,
              key.field,
              chunk.map((s) => s.item),
              call(options),
            );
          return byIndex([...checked.refused, ...(await saveInChunks(checked.send, save, (ids) => read(ids, options)))]);
        }
        return byIndex([
          ...checked.refused,
          ...(await upsertMatching(client, sobject, key.field, checked.send, (ids) => read(ids, options), call(options))),
        ]);
      },
      async delete(ids, options) {
        const saved = await client.deleteMany(ids, call(options)).catch((error: unknown) => error);
        if (!Array.isArray(saved)) return ids.map((_, index) => failedItem(index, saved));
        return ids.map((id, index): CrmBatchResult<{ id: string }> => {
          const result = (saved as SaveResult[])[index];
          const error = result?.errors[0];
          if (result?.success || error?.statusCode === 'ENTITY_IS_DELETED') return { index, status: 'ok', record: { id } };
          return {
            index,
            status: 'failed',
            error: { message: error?.message ?? 'Salesforce did not delete it.', ...(error ? { code: error.statusCode } : {}) },
          };
        });
      },
    },
  };
  return api;
}
