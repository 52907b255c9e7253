import { defineOperation } from '@junction/core';
import { z } from 'zod';
import {
  batchInputs,
  HubspotBatchObjects,
  HubspotBatchUpserted,
  HubspotCreateInput,
  HubspotIdInput,
  HubspotObjectType,
  HubspotUpdateInput,
  HubspotUpsertInput,
} from './hubspot-schemas.js';
import { HUBSPOT_OBJECTS_PATH } from './hubspot-version.js';

const BATCH = `${HUBSPOT_OBJECTS_PATH}/{objectType}/batch` as const;

/**
 * HubSpot's batch endpoints, up to 100 inputs each (more are refused before
 * sending; `hubspotBatch()` splits bigger lists). A partial failure answers
 * 207 with `errors[]` beside `results[]`: it resolves, it does not throw.
 */
export const hubspotBatchOperations = {
  /** Creates up to 100 records. A side effect: never repeated after an unknown outcome. */
  batchCreateObjects: defineOperation({
    method: 'POST',
    path: `${BATCH}/create`,
    input: z.object({ objectType: HubspotObjectType, inputs: batchInputs(HubspotCreateInput) }),
    output: HubspotBatchObjects,
    description: 'Create a batch of CRM records',
  }),
  /** Reads up to 100 records by id (or by `idProperty`). A read, safe to retry. */
  batchReadObjects: defineOperation({
    method: 'POST',
    path: `${BATCH}/read`,
    input: z.object({
      objectType: HubspotObjectType,
      inputs: batchInputs(HubspotIdInput),
      properties: z.array(z.string()).optional(),
      idProperty: z.string().min(1).optional(),
      archived: z.boolean().optional(),
      propertiesWithHistory: z.array(z.string()).optional(),
    }),
    queryParams: ['archived'],
    output: HubspotBatchObjects,
    idempotent: true,
    description: 'Read a batch of CRM records',
  }),
  /** Updates up to 100 records; the same values twice have the effect of once. */
  batchUpdateObjects: defineOperation({
    method: 'POST',
    path: `${BATCH}/update`,
    input: z.object({ objectType: HubspotObjectType, inputs: batchInputs(HubspotUpdateInput) }),
    output: HubspotBatchObjects,
    idempotent: true,
    description: 'Update a batch of CRM records',
  }),
  /**
   * Creates or updates up to 100 records by a unique `idProperty` (a contact's
   * email): repeating it creates nothing new, so it is declared idempotent
   * and retried like a read. The way to make creates safe to repeat.
   */
  batchUpsertObjects: defineOperation({
    method: 'POST',
    path: `${BATCH}/upsert`,
    input: z.object({ objectType: HubspotObjectType, inputs: batchInputs(HubspotUpsertInput) }),
    output: HubspotBatchUpserted,
    idempotent: true,
    description: 'Create or update a batch of CRM records by a unique property',
  }),
  /** Archives up to 100 records by id (204). Archiving twice leaves them archived. */
  batchArchiveObjects: defineOperation({
    method: 'POST',
    path: `${BATCH}/archive`,
    input: z.object({ objectType: HubspotObjectType, inputs: batchInputs(HubspotIdInput) }),
    idempotent: true,
    description: 'Archive a batch of CRM records',
  }),
};
