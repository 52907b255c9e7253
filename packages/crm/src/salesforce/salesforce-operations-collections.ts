import { defineOperation } from '@junction/core';
import { z } from 'zod';
import { FieldName, SalesforceId, SaveResult, SObjectName } from './salesforce-schemas.js';

/** The most records one sObject Collections request takes (REST API "sObject Collections"). */
export const SALESFORCE_COLLECTION_MAX = 200;

/** A record for a collection: `attributes.type` names its object. */
export const CollectionRecord = z.looseObject({ attributes: z.looseObject({ type: SObjectName }) });
/** A record for a collection. */
export type CollectionRecord = z.infer<typeof CollectionRecord>;

const records = z.array(CollectionRecord).min(1).max(SALESFORCE_COLLECTION_MAX);
const results = z.array(SaveResult);

/**
 * sObject Collections: up to 200 records per request, one result per record
 * in order. With `allOrNone`, one failure rolls back all of them.
 */
export const salesforceCollectionOperations = {
  /** `POST /composite/sobjects`. A side effect: not retried unless it provably did not run. */
  createRecords: defineOperation({
    method: 'POST',
    path: '/composite/sobjects',
    input: z.object({ allOrNone: z.boolean().default(false), records }),
    output: results,
    description: 'Creates up to 200 records.',
  }),
  /** `PATCH /composite/sobjects`: each record carries its `id`. */
  updateRecords: defineOperation({
    method: 'PATCH',
    path: '/composite/sobjects',
    input: z.object({
      allOrNone: z.boolean().default(false),
      records: z
        .array(CollectionRecord.extend({ id: SalesforceId }))
        .min(1)
        .max(200),
    }),
    output: results,
    idempotent: true,
    description: 'Updates up to 200 records.',
  }),
  /** `PATCH /composite/sobjects/{sobject}/{externalIdField}`: repeatable, so retried. */
  upsertRecords: defineOperation({
    method: 'PATCH',
    path: '/composite/sobjects/{sobject}/{externalIdField}',
    input: z.object({ sobject: SObjectName, externalIdField: FieldName, allOrNone: z.boolean().default(false), records }),
    output: results,
    idempotent: true,
    description: 'Creates or updates up to 200 records by an external id field.',
  }),
  /** `DELETE /composite/sobjects?ids=…&allOrNone=…`. */
  deleteRecords: defineOperation({
    method: 'DELETE',
    path: '/composite/sobjects',
    input: z.object({
      ids: z
        .array(SalesforceId)
        .min(1)
        .max(SALESFORCE_COLLECTION_MAX)
        .transform((ids) => ids.join(',')),
      allOrNone: z.boolean().default(false),
    }),
    output: results,
    description: 'Deletes up to 200 records.',
  }),
};
