import { defineOperation } from '@junction/core';
import { z } from 'zod';
import {
  ChangedRange,
  DeletedResult,
  FieldName,
  LimitsResult,
  SalesforceId,
  SalesforceRecord,
  SaveResult,
  SObjectName,
  UpdatedResult,
} from './salesforce-schemas.js';

/**
 * sObject operations (REST API "sObject Rows" and "sObject Rows by External
 * ID"). Record fields travel flat beside the path fields: `createRecord({
 * sobject: 'Contact', LastName: 'Doe' })` sends `{"LastName":"Doe"}`.
 */
export const salesforceRecordOperations = {
  /** `POST /sobjects/{sobject}` → 201 `{ id, success, errors }`. A side effect: not retried unless it provably did not run. */
  createRecord: defineOperation({
    method: 'POST',
    path: '/sobjects/{sobject}',
    input: z.looseObject({ sobject: SObjectName }),
    output: SaveResult,
    description: 'Creates one record.',
  }),
  /** `GET /sobjects/{sobject}/{id}?fields=…` → the record. */
  getRecord: defineOperation({
    method: 'GET',
    path: '/sobjects/{sobject}/{id}',
    input: z.object({
      sobject: SObjectName,
      id: SalesforceId,
      fields: z
        .array(FieldName)
        .min(1)
        .transform((f) => f.join(','))
        .optional(),
    }),
    output: SalesforceRecord,
    description: 'Reads one record, optionally only some fields.',
  }),
  /** `PATCH /sobjects/{sobject}/{id}` → 204. Setting the same fields twice has the same effect, so it is retried. */
  updateRecord: defineOperation({
    method: 'PATCH',
    path: '/sobjects/{sobject}/{id}',
    input: z.looseObject({ sobject: SObjectName, id: SalesforceId }),
    idempotent: true,
    description: 'Updates fields of one record.',
  }),
  /** `DELETE /sobjects/{sobject}/{id}` → 204. */
  deleteRecord: defineOperation({
    method: 'DELETE',
    path: '/sobjects/{sobject}/{id}',
    input: z.object({ sobject: SObjectName, id: SalesforceId }),
    description: 'Deletes one record.',
  }),
  /**
   * `PATCH /sobjects/{sobject}/{externalIdField}/{externalId}`: 201 created,
   * 200 (or 204 on old versions) updated. Repeatable, so retried: the way to
   * make a create safe to repeat.
   */
  upsertRecord: defineOperation({
    method: 'PATCH',
    path: '/sobjects/{sobject}/{externalIdField}/{externalId}',
    input: z.looseObject({ sobject: SObjectName, externalIdField: FieldName, externalId: z.string().min(1) }),
    output: SaveResult.optional(),
    idempotent: true,
    description: 'Creates or updates one record by an external id field.',
  }),
  /** `GET /sobjects/{sobject}/updated/?start=…&end=…` → the ids changed in the range. */
  getUpdated: defineOperation({
    method: 'GET',
    path: '/sobjects/{sobject}/updated/',
    input: z.object({ sobject: SObjectName, ...ChangedRange }),
    output: UpdatedResult,
    description: 'Lists ids of records updated between two times.',
  }),
  /** `GET /sobjects/{sobject}/deleted/?start=…&end=…` → the records deleted in the range. */
  getDeleted: defineOperation({
    method: 'GET',
    path: '/sobjects/{sobject}/deleted/',
    input: z.object({ sobject: SObjectName, ...ChangedRange }),
    output: DeletedResult,
    description: 'Lists records deleted between two times.',
  }),
  /** `GET /limits` → every allocation with `Max` and `Remaining`. */
  limits: defineOperation({
    method: 'GET',
    path: '/limits',
    output: LimitsResult,
    description: "Reads the org's limits.",
  }),
};
