import { z } from 'zod';
import { HUBSPOT_BATCH_MAX, HUBSPOT_SEARCH_MAX_LIMIT } from './hubspot-policies.js';

// Hand-written from HubSpot's CRM object reference (dated 2026-03 pages) and the
// models of @hubspot/api-client 13.4.0 (SimplePublicObject, StandardError, Filter…).
// Response schemas stay lenient: HubSpot adds fields, so unknown keys pass through.

/** The CRM object types this connector declares operations for (custom objects: use `request()`). */
export const HubspotObjectType = z.enum(['contacts', 'companies', 'deals']);
/** `contacts`, `companies` or `deals`. */
export type HubspotObjectType = z.infer<typeof HubspotObjectType>;

/** The object types with pipelines (deals here; tickets share the endpoint). */
export const HubspotPipelineObjectType = z.enum(['deals', 'tickets']);
/** `deals` or `tickets`. */
export type HubspotPipelineObjectType = z.infer<typeof HubspotPipelineObjectType>;

/** An object id: HubSpot ids are numeric strings, but an `idProperty` lookup takes any value (an email). */
export const HubspotId = z.string().min(1);

/**
 * A property list as HubSpot's query string takes it (`properties=email,firstname`):
 * pass an array or a comma-separated string; it is sent comma-separated.
 */
export const CommaList = z
  .union([z.array(z.string().min(1)), z.string()])
  .transform((value) => (Array.isArray(value) ? value.join(',') : value));

/** Property values as sent: HubSpot stores every value as a string; numbers and booleans are turned into one. */
export const HubspotPropertiesInput = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? null : String(v))),
);
/** Property values as you pass them. */
export type HubspotPropertiesInput = z.input<typeof HubspotPropertiesInput>;

/** `AssociationSpec`: who defined the association type and its id. */
export const HubspotAssociationSpec = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.number().int(),
});

/** An association made while creating an object: `to` an id, with its types. */
export const HubspotAssociationInput = z.object({ to: z.object({ id: HubspotId }), types: z.array(HubspotAssociationSpec).min(1) });

/** `SimplePublicObject`: one CRM record. Property values are strings or null. */
export const HubspotObject = z.object({
  id: z.string(),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.string(),
  updatedAt: z.string(),
  archived: z.boolean().optional(),
  archivedAt: z.string().optional(),
  /** Echoed from the batch input, so a result is matched to the input that made it. */
  objectWriteTraceId: z.string().optional(),
});
/** A HubSpot CRM record. */
export type HubspotObject = z.infer<typeof HubspotObject>;

/** `SimplePublicUpsertObject`: a record with `new`, true when the upsert created it. */
export const HubspotUpsertedObject = HubspotObject.extend({ new: z.boolean() });
/** An upserted record. */
export type HubspotUpsertedObject = z.infer<typeof HubspotUpsertedObject>;

/** `ErrorDetail`: one problem of a `StandardError`. */
export const HubspotErrorDetail = z.object({
  message: z.string().optional(),
  code: z.string().optional(),
  in: z.string().optional(),
  subCategory: z.string().optional(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

/** `StandardError`: one failed item of a batch (every field optional, as HubSpot omits some). */
export const HubspotBatchError = z.object({
  status: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.unknown().optional(),
  message: z.string().optional(),
  id: z.string().optional(),
  /** Which inputs failed: `ids`, `objectWriteTraceId`, `emails`… each a list. */
  context: z.record(z.string(), z.array(z.string())).optional(),
  errors: z.array(HubspotErrorDetail).optional(),
  links: z.record(z.string(), z.string()).optional(),
});
/** One failed item (or group of items) of a batch. */
export type HubspotBatchError = z.infer<typeof HubspotBatchError>;

/** `paging.next.after`: the cursor of the next page, absent on the last page. */
export const HubspotPaging = z.object({
  next: z.object({ after: z.string(), link: z.string().optional() }).optional(),
});

/** A page of records (`GET /{objectType}`). */
export const HubspotObjectPage = z.object({ results: z.array(HubspotObject), paging: HubspotPaging.optional() });
/** A page of records. */
export type HubspotObjectPage = z.infer<typeof HubspotObjectPage>;

/** A search answer: the total count, a page of records, the next cursor. */
export const HubspotSearchPage = HubspotObjectPage.extend({ total: z.number().optional() });
/** A search answer. */
export type HubspotSearchPage = z.infer<typeof HubspotSearchPage>;

/** A batch answer: 200/201 when every item passed, 207 with `errors` and `numErrors` beside the results. */
export function batchResponse<T extends z.ZodType>(item: T) {
  return z.object({
    status: z.string().optional(),
    results: z.array(item),
    errors: z.array(HubspotBatchError).optional(),
    numErrors: z.number().optional(),
    requestedAt: z.string().optional(),
    startedAt: z.string().optional(),
    completedAt: z.string().optional(),
  });
}
/** A batch answer with records. */
export const HubspotBatchObjects = batchResponse(HubspotObject);
/** A batch answer with records. */
export type HubspotBatchObjects = z.infer<typeof HubspotBatchObjects>;
/** A batch upsert answer. */
export const HubspotBatchUpserted = batchResponse(HubspotUpsertedObject);
/** A batch upsert answer. */
export type HubspotBatchUpserted = z.infer<typeof HubspotBatchUpserted>;

/** The search operators HubSpot documents (`Filter.operator`). */
export const HubspotFilterOperator = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);
/** A search operator. */
export type HubspotFilterOperator = z.infer<typeof HubspotFilterOperator>;

/** One condition: `value` for comparisons, `values` for IN / NOT_IN, `highValue` for BETWEEN. */
export const HubspotFilter = z.object({
  propertyName: z.string().min(1),
  operator: HubspotFilterOperator,
  value: z.string().optional(),
  values: z.array(z.string()).optional(),
  highValue: z.string().optional(),
});
/** A search filter. */
export type HubspotFilter = z.infer<typeof HubspotFilter>;

/** A sort: HubSpot's documented `{ propertyName, direction }`, or the SDK's bare property name (ascending). */
export const HubspotSort = z.union([
  z.string().min(1),
  z.object({ propertyName: z.string().min(1), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
]);

/** `PublicObjectSearchRequest`: filter groups are OR-ed, the filters of a group AND-ed. */
export const HubspotSearchRequest = z.object({
  filterGroups: z.array(z.object({ filters: z.array(HubspotFilter) })).optional(),
  sorts: z.array(HubspotSort).optional(),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(1).max(HUBSPOT_SEARCH_MAX_LIMIT).optional(),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
});
/** A search request, as you pass it. */
export type HubspotSearchRequest = z.input<typeof HubspotSearchRequest>;

/** The batch inputs list: 1 to 100 items (HubSpot refuses more; `hubspotBatch()` splits bigger lists). */
export function batchInputs<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .min(1, { message: 'needs at least one input' })
    .max(HUBSPOT_BATCH_MAX, {
      message: `has more than the ${HUBSPOT_BATCH_MAX} inputs one HubSpot batch takes: use hubspotBatch() to split it`,
    });
}

/** A batch create item. */
export const HubspotCreateInput = z.object({
  properties: HubspotPropertiesInput,
  associations: z.array(HubspotAssociationInput).optional(),
  objectWriteTraceId: z.string().optional(),
});
/** A batch update item: by `id`, or by the unique `idProperty`'s value. */
export const HubspotUpdateInput = z.object({
  id: HubspotId,
  idProperty: z.string().optional(),
  properties: HubspotPropertiesInput,
  objectWriteTraceId: z.string().optional(),
});
/** A batch upsert item: `id` is the value of the unique `idProperty` (e.g. an email). */
export const HubspotUpsertInput = z.object({
  id: HubspotId,
  idProperty: z.string().min(1),
  properties: HubspotPropertiesInput,
  objectWriteTraceId: z.string().optional(),
});
/** A batch read / archive item. */
export const HubspotIdInput = z.object({ id: HubspotId });

/** An association between two records, as v4 lists it. */
export const HubspotAssociation = z.object({
  toObjectId: z.union([z.string(), z.number()]).transform(String),
  associationTypes: z.array(
    z.object({ category: z.string().optional(), typeId: z.number().optional(), label: z.string().nullable().optional() }),
  ),
});
/** An association. */
export type HubspotAssociation = z.infer<typeof HubspotAssociation>;

/** A page of associations. */
export const HubspotAssociationPage = z.object({ results: z.array(HubspotAssociation), paging: HubspotPaging.optional() });

/** What creating a default association answers: a batch-style status with the pairs made. */
export const HubspotDefaultAssociationResult = z.object({
  status: z.string().optional(),
  results: z
    .array(
      z.object({
        from: z.object({ id: z.string() }),
        to: z.object({ id: z.string() }),
        associationSpec: HubspotAssociationSpec.optional(),
      }),
    )
    .optional(),
  errors: z.array(HubspotBatchError).optional(),
});

/** A pipeline stage. `metadata.probability` is the deal's win probability (deals). */
export const HubspotPipelineStage = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number(),
  archived: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
/** A pipeline stage. */
export type HubspotPipelineStage = z.infer<typeof HubspotPipelineStage>;

/** A pipeline with its stages. */
export const HubspotPipeline = z.object({
  id: z.string(),
  label: z.string(),
  displayOrder: z.number(),
  archived: z.boolean().optional(),
  stages: z.array(HubspotPipelineStage),
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
});
/** A pipeline. */
export type HubspotPipeline = z.infer<typeof HubspotPipeline>;
