import { defineOperation } from '@junction/core';
import { z } from 'zod';
import {
  CommaList,
  HubspotAssociationInput,
  HubspotId,
  HubspotObject,
  HubspotObjectPage,
  HubspotObjectType,
  HubspotPropertiesInput,
  HubspotSearchPage,
  HubspotSearchRequest,
} from './hubspot-schemas.js';
import { HUBSPOT_OBJECTS_PATH } from './hubspot-version.js';

// One declaration per endpoint, `objectType` a path parameter (contacts, companies, deals),
// so each fact (path, method, schema, safety) is stated once for the three types.

const OBJECTS = `${HUBSPOT_OBJECTS_PATH}/{objectType}` as const;
const OBJECT = `${HUBSPOT_OBJECTS_PATH}/{objectType}/{objectId}` as const;

/** The single-record, list and search endpoints of HubSpot's CRM objects. */
export const hubspotObjectOperations = {
  /**
   * Creates a record. A side effect without an idempotency mechanism: never
   * repeated after an unknown outcome (use `batchUpsertObjects` with a unique
   * `idProperty` for a create that is safe to repeat).
   */
  createObject: defineOperation({
    method: 'POST',
    path: OBJECTS,
    input: z.object({
      objectType: HubspotObjectType,
      properties: HubspotPropertiesInput,
      associations: z.array(HubspotAssociationInput).optional(),
    }),
    output: HubspotObject,
    description: 'Create a CRM record',
  }),
  /** Reads a record by id, or by a unique property's value with `idProperty` (e.g. `email`). */
  getObject: defineOperation({
    method: 'GET',
    path: OBJECT,
    input: z.object({
      objectType: HubspotObjectType,
      objectId: HubspotId,
      properties: CommaList.optional(),
      associations: CommaList.optional(),
      idProperty: z.string().min(1).optional(),
      archived: z.boolean().optional(),
    }),
    output: HubspotObject,
    description: 'Read a CRM record',
  }),
  /** Updates a record's properties (PATCH). Setting the same values twice has the effect of once. */
  updateObject: defineOperation({
    method: 'PATCH',
    path: OBJECT,
    input: z.object({
      objectType: HubspotObjectType,
      objectId: HubspotId,
      idProperty: z.string().min(1).optional(),
      properties: HubspotPropertiesInput,
    }),
    queryParams: ['idProperty'],
    output: HubspotObject,
    idempotent: true,
    description: 'Update a CRM record',
  }),
  /** Moves a record to the recycling bin (204). Archiving twice leaves it archived. */
  archiveObject: defineOperation({
    method: 'DELETE',
    path: OBJECT,
    input: z.object({ objectType: HubspotObjectType, objectId: HubspotId }),
    description: 'Archive a CRM record',
  }),
  /** Lists records, `limit` (≤ 100) per page, following `paging.next.after`. */
  listObjects: defineOperation({
    method: 'GET',
    path: OBJECTS,
    input: z.object({
      objectType: HubspotObjectType,
      limit: z.number().int().min(1).max(100).optional(),
      after: z.string().optional(),
      properties: CommaList.optional(),
      associations: CommaList.optional(),
      archived: z.boolean().optional(),
    }),
    output: HubspotObjectPage,
    paginate: { style: 'cursor', items: (page) => page.results, nextCursor: (page) => page.paging?.next?.after, cursorParam: 'after' },
    description: 'List CRM records',
  }),
  /**
   * Searches records (`POST …/search`): filter groups OR-ed, filters AND-ed,
   * `limit` ≤ 200, paginated by `after`. A read, so safe to retry. It has its
   * own per-second limit, paced by the client.
   */
  searchObjects: defineOperation({
    method: 'POST',
    path: `${OBJECTS}/search`,
    input: HubspotSearchRequest.extend({ objectType: HubspotObjectType }),
    output: HubspotSearchPage,
    idempotent: true,
    paginate: { style: 'cursor', items: (page) => page.results, nextCursor: (page) => page.paging?.next?.after, cursorParam: 'after' },
    description: 'Search CRM records',
  }),
};
