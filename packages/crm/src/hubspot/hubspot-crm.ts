import { isApiError, UnsupportedFeatureError } from '@junction/core';
import { parseInput } from '@junction/core/utils';
import { z } from 'zod';
import { byIndex, type CrmBatchResult, checkEach } from '../unified/crm-batch.js';
import { checkInput } from '../unified/crm-input.js';
import type { CrmObjectType, CrmRef } from '../unified/crm-objects.js';
import type { CrmObjectApi, CrmProvider, CrmRequestOptions } from '../unified/crm-provider.js';
import type { CrmSearch } from '../unified/crm-query.js';
import type { CrmSyncOptions } from '../unified/crm-sync.js';
import type { CustomFields } from '../unified/custom-fields.js';
import { hubspotBatch } from './hubspot-batch.js';
import { createHubspotClient, type HubspotClient, type HubspotClientOptions } from './hubspot-connector.js';
import { callOptionsOf, itemApiError, unifiedResults } from './hubspot-crm-batch.js';
import { normalizeHubspotEvents } from './hubspot-crm-events.js';
import {
  fromHubspot,
  fromHubspotPipeline,
  HUBSPOT,
  HUBSPOT_TYPES,
  hubspotFilters,
  hubspotProperties,
  hubspotPropertyOf,
  hubspotSort,
  toHubspotProperties,
} from './hubspot-crm-mapping.js';
import { hubspotChanges } from './hubspot-crm-sync.js';
import { HUBSPOT_SEARCH_MAX_LIMIT } from './hubspot-policies.js';

/** Options for {@link hubspotCrm}. */
export interface HubspotCrmOptions<C extends CustomFields> {
  /** Your custom fields, with their HubSpot property names (see `defineCustomFields`). */
  customFields?: C;
  /** How the change feed waits for HubSpot's search index (default lag 10 s). */
  sync?: CrmSyncOptions;
}

// Records are typed by the interface; inside, one generic shape serves the three types.
type AnyRecord = Record<string, unknown> & { id: string };
type Api = CrmObjectApi<AnyRecord, Record<string, unknown>, string, string>;

const notFound = (error: unknown) => isApiError(error) && error.status === 404;

/**
 * The unified CRM interface over HubSpot: contacts, companies and deals on
 * the dated object endpoints, with the unified fields mapped to HubSpot's
 * properties (`firstName` ↔ `firstname`, a deal's `stageId` ↔ `dealstage`),
 * batches of 100 with per-item results, upserts by a unique property
 * (`email`, or a custom one declared unique in HubSpot), associations v4,
 * deal pipelines, and a change feed over search and the archive.
 *
 * @example
 * const crm = hubspotCrm(createHubspotClient({ accessToken: process.env.HUBSPOT_TOKEN! }));
 * const { record, created } = await crm.contacts.upsert({ email: 'ada@example.com', firstName: 'Ada' }, 'email');
 */
export function hubspotCrm<const C extends CustomFields = {}>(
  clientOrOptions: HubspotClient | HubspotClientOptions,
  options: HubspotCrmOptions<C> = {},
): CrmProvider<C> {
  const client = 'connector' in clientOrOptions ? clientOrOptions : createHubspotClient(clientOrOptions);
  const custom = options.customFields;
  const provider = {
    name: HUBSPOT,
    client,
    contacts: objectApi(client, 'contact', custom),
    companies: objectApi(client, 'company', custom),
    deals: objectApi(client, 'deal', custom),
    associations: {
      async link(from: CrmRef, to: CrmRef, options?: CrmRequestOptions) {
        await client.createDefaultAssociation(pair(from, to), callOptionsOf(options));
      },
      async unlink(from: CrmRef, to: CrmRef, options?: CrmRequestOptions) {
        await client.removeAssociations(pair(from, to), callOptionsOf(options)).catch((error: unknown) => {
          if (!notFound(error)) throw error;
        });
      },
      async list(from: CrmRef, toType: CrmObjectType, options?: CrmRequestOptions) {
        const ids: string[] = [];
        const input = { objectType: HUBSPOT_TYPES[from.type], objectId: from.id, toObjectType: HUBSPOT_TYPES[toType] };
        for await (const association of client.listAssociations.items(input, callOptionsOf(options))) ids.push(association.toObjectId);
        return ids;
      },
    },
    pipelines: {
      async list(options?: CrmRequestOptions) {
        const { results } = await client.listPipelines({ objectType: 'deals' }, callOptionsOf(options));
        return results.filter((pipeline) => !pipeline.archived).map(fromHubspotPipeline);
      },
    },
    sync: { changes: (type: CrmObjectType, changeOptions = {}) => hubspotChanges(client, type, custom, changeOptions, options.sync) },
    events: { normalize: normalizeHubspotEvents },
  };
  return provider as unknown as CrmProvider<C>;
}

function pair(from: CrmRef, to: CrmRef) {
  return { objectType: HUBSPOT_TYPES[from.type], objectId: from.id, toObjectType: HUBSPOT_TYPES[to.type], toObjectId: to.id };
}

function objectApi(client: HubspotClient, type: CrmObjectType, custom: CustomFields | undefined): Api {
  const objectType = HUBSPOT_TYPES[type];
  const properties = hubspotProperties(type, custom);
  const where = (what: string) => `hubspot.${objectType}.${what}`;
  const record = (object: Parameters<typeof fromHubspot>[1]) => fromHubspot(type, object, custom) as AnyRecord;
  const propsOf = (input: unknown, what: string) => toHubspotProperties(type, checkInput(type, input, custom, where(what)), custom);
  // The value and HubSpot property an upsert matches on: the input's own field (email, domain) or a custom one.
  const keyOf = (input: Record<string, unknown>, by: string): { property: string; value: string } => {
    const value = input[by] ?? (input.custom as Record<string, unknown> | undefined)?.[by];
    const key = parseInput(z.object({ [by]: z.union([z.string().min(1), z.number()]) }), { [by]: value }, `${where('upsert')} (by ${by})`);
    return { property: hubspotPropertyOf(type, by, custom), value: String(key[by]) };
  };
  const search = async (query: CrmSearch, options?: CrmRequestOptions) => {
    if ((query.sorts?.length ?? 0) > 1) {
      throw new UnsupportedFeatureError(
        HUBSPOT,
        'search with more than one sort',
        'HubSpot search sorts on one property: sort on one, then in your code',
      );
    }
    const page = await client.searchObjects(
      {
        objectType,
        ...(query.filters?.length ? { filterGroups: [{ filters: hubspotFilters(type, query.filters, custom) }] } : {}),
        ...(query.sorts?.[0] ? { sorts: [hubspotSort(type, query.sorts[0], custom)] } : {}),
        properties,
        limit: Math.min(query.limit ?? 100, HUBSPOT_SEARCH_MAX_LIMIT),
        ...(query.cursor ? { after: query.cursor } : {}),
      },
      callOptionsOf(options),
    );
    return { items: page.results.map(record), next: page.paging?.next?.after ?? null };
  };

  const api: Api = {
    async create(input, options) {
      return record(await client.createObject({ objectType, properties: propsOf(input, 'create') }, callOptionsOf(options)));
    },
    async get(id, options) {
      try {
        return record(await client.getObject({ objectType, objectId: id, properties }, callOptionsOf(options)));
      } catch (error) {
        if (notFound(error)) return null;
        throw error;
      }
    },
    async update(id, input, options) {
      return record(await client.updateObject({ objectType, objectId: id, properties: propsOf(input, 'update') }, callOptionsOf(options)));
    },
    async delete(id, options) {
      await client.archiveObject({ objectType, objectId: id }, callOptionsOf(options)).catch((error: unknown) => {
        if (!notFound(error)) throw error;
      });
    },
    async list(options = {}) {
      const page = await client.listObjects(
        { objectType, properties, limit: Math.min(options.limit ?? 100, 100), ...(options.cursor ? { after: options.cursor } : {}) },
        callOptionsOf(options),
      );
      return { items: page.results.map(record), next: page.paging?.next?.after ?? null };
    },
    search,
    async upsert(input, by, options) {
      const [result] = await api.batch.upsert([input], by, options);
      if (!result) throw new Error('HubSpot answered the upsert without a result.');
      if (result.status === 'failed') throw result.cause ?? itemApiError({ message: result.error.message, category: result.error.code });
      return { record: result.record, created: result.created === true };
    },
    batch: {
      async create(inputs, options) {
        const checked = checkEach(inputs, (input) => ({ properties: propsOf(input, 'batch.create') }));
        const outcome = await hubspotBatch(
          client,
          'create',
          { objectType, inputs: checked.send.map((s) => s.item) },
          callOptionsOf(options),
        );
        return byIndex([...checked.refused, ...unifiedResults(outcome, checked.send, (object) => ({ record: record(object) }))]);
      },
      async get(ids, options) {
        const outcome = await hubspotBatch(
          client,
          'read',
          { objectType, inputs: ids.map((id) => ({ id })), properties },
          callOptionsOf(options),
        );
        return byIndex(
          unifiedResults(
            outcome,
            ids.map((_, index) => ({ index })),
            (object) => ({ record: record(object) }),
          ),
        );
      },
      async update(items, options) {
        const checked = checkEach(items, ({ id, ...input }) => ({ id, properties: propsOf(input, 'batch.update') }));
        const outcome = await hubspotBatch(
          client,
          'update',
          { objectType, inputs: checked.send.map((s) => s.item) },
          callOptionsOf(options),
        );
        return byIndex([...checked.refused, ...unifiedResults(outcome, checked.send, (object) => ({ record: record(object) }))]);
      },
      async upsert(inputs, by, options) {
        const checked = checkEach(inputs, (input) => {
          const properties = propsOf(input, 'batch.upsert');
          const key = keyOf(input, by);
          return { id: key.value, idProperty: key.property, properties };
        });
        const outcome = await hubspotBatch(
          client,
          'upsert',
          { objectType, inputs: checked.send.map((s) => s.item) },
          callOptionsOf(options),
        );
        return byIndex([
          ...checked.refused,
          ...unifiedResults(outcome, checked.send, (object) => ({ record: record(object), created: object.new })),
        ]);
      },
      async delete(ids, options) {
        const outcome = await hubspotBatch(client, 'archive', { objectType, inputs: ids.map((id) => ({ id })) }, callOptionsOf(options));
        const failed = new Map(outcome.errors.map((e) => [e.index, e]));
        return ids.map((id, index): CrmBatchResult<{ id: string }> => {
          const error = failed.get(index);
          return error
            ? { index, status: 'failed', error: { message: error.error.message ?? 'HubSpot refused it.' } }
            : { index, status: 'ok', record: { id } };
        });
      },
    },
  };
  return api;
}
