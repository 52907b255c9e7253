import { z } from 'zod';
import { SoqlQuery, soqlField, soqlObject } from './salesforce-soql.js';

/** An object name (`Contact`, `Custom__c`), checked before anything is sent. */
export const SObjectName = z.string().refine((v) => {
  try {
    return soqlObject(v) === v;
  } catch {
    return false;
  }
}, 'must be an object name (letters, digits, "_")');

/** A field name (`LastName`, `External_Id__c`), checked before anything is sent. */
export const FieldName = z.string().refine((v) => {
  try {
    return soqlField(v) === v;
  } catch {
    return false;
  }
}, 'must be a field name (letters, digits, "_", dotted for relationships)');

/** A record id: 15 or 18 letters and digits. */
export const SalesforceId = z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'must be a 15- or 18-character Salesforce id');

/** A record's `attributes`: its type and REST URL. */
export const RecordAttributes = z.looseObject({ type: z.string(), url: z.string().optional() });

/** A record as Salesforce returns it: `attributes` plus whatever fields were asked for. */
export const SalesforceRecord = z.looseObject({ attributes: RecordAttributes.optional(), Id: z.string().optional() });
/** A record as Salesforce returns it. */
export type SalesforceRecord = z.infer<typeof SalesforceRecord>;

/** One error of a save result: `{ statusCode, message, fields }`. */
export const SaveError = z.looseObject({
  statusCode: z.string(),
  message: z.string().optional(),
  fields: z.array(z.string()).optional(),
});
/** One error of a save result. */
export type SaveError = z.infer<typeof SaveError>;

/** What one create, upsert or collection item answers: `{ id, success, errors }` (and `created` for upserts). */
export const SaveResult = z.looseObject({
  id: z.string().nullish(),
  success: z.boolean(),
  errors: z.array(SaveError).default([]),
  created: z.boolean().optional(),
});
/** What one save answers. */
export type SaveResult = z.infer<typeof SaveResult>;

/** A query's page: `{ totalSize, done, records, nextRecordsUrl }`. */
export const QueryResult = z.looseObject({
  totalSize: z.number(),
  done: z.boolean(),
  records: z.array(SalesforceRecord),
  nextRecordsUrl: z.string().optional(),
});
/** A query's page. */
export type QueryResult = z.infer<typeof QueryResult>;

/** A SOQL query: a {@link SoqlQuery} from the builder, or text from `soqlTemplate`. */
export const SoqlInput = z.union([z.string().min(1), z.instanceof(SoqlQuery).transform((q) => q.toString())]);

// Salesforce writes the range as `2026-01-31T12:00:00+00:00` in its examples.
const salesforceTime = z.union([z.date(), z.string().datetime({ offset: true })]).transform((value) => {
  const date = value instanceof Date ? value : new Date(value);
  return `${date.toISOString().slice(0, 19)}+00:00`;
});

/** A time range for getUpdated / getDeleted: `start` and `end` as `Date`s or ISO datetimes. */
export const ChangedRange = { start: salesforceTime, end: salesforceTime };

/** What `GET /sobjects/{type}/updated` answers. */
export const UpdatedResult = z.looseObject({ ids: z.array(z.string()), latestDateCovered: z.string().optional() });
/** What getUpdated answers. */
export type UpdatedResult = z.infer<typeof UpdatedResult>;

/** What `GET /sobjects/{type}/deleted` answers. */
export const DeletedResult = z.looseObject({
  deletedRecords: z.array(z.looseObject({ id: z.string(), deletedDate: z.string() })),
  earliestDateAvailable: z.string().optional(),
  latestDateCovered: z.string().optional(),
});
/** What getDeleted answers. */
export type DeletedResult = z.infer<typeof DeletedResult>;

/** One allocation of `GET /limits`: `{ Max, Remaining }` (some carry more, per-app breakdowns). */
export const LimitInfo = z.looseObject({ Max: z.number(), Remaining: z.number() });

/** What `GET /limits` answers: every allocation by name (`DailyApiRequests`, …). */
export const LimitsResult = z.record(z.string(), LimitInfo);
/** What limits answers. */
export type LimitsResult = z.infer<typeof LimitsResult>;

/** Record fields to write: field name → value. */
export type RecordFields = Record<string, unknown>;
