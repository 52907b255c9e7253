/**
 * `@junction/crm`: a unified CRM interface (contacts, companies, deals,
 * associations, pipelines, change events, incremental sync) that the
 * HubSpot and Salesforce adapters (`@junction/crm/hubspot`,
 * `@junction/crm/salesforce`) implement.
 *
 * @module
 */
export { isUnsupportedFeatureError, UnsupportedFeatureError } from '@junction/core';
export type { Company, CompanyFields, CompanyInput } from './unified/company.js';
export type { Contact, ContactFields, ContactInput } from './unified/contact.js';
export { byIndex, type CheckedItems, type CrmBatchResult, type CrmItemError, checkEach, chunked, failedItem } from './unified/crm-batch.js';
export {
  CRM_EVENT_SCHEMAS,
  CRM_EVENT_TYPES,
  CrmEvent,
  type CrmEventSchemas,
  type CrmEventType,
  crmDispatchType,
} from './unified/crm-events.js';
export { type CheckedInput, CRM_FIELDS, checkInput } from './unified/crm-input.js';
export { CRM_OBJECT_TYPES, type CrmObjectType, type CrmRef } from './unified/crm-objects.js';
export type {
  AssociationsApi,
  CrmObjectApi,
  CrmObjectApiOf,
  CrmProvider,
  CrmRequestOptions,
  CrmTypes,
  SearchField,
  UpsertKey,
} from './unified/crm-provider.js';
export {
  type CrmFilter,
  type CrmListOptions,
  type CrmPage,
  type CrmSearch,
  type CrmSort,
  FILTER_OPERATORS,
  type FilterOperator,
  type FilterValue,
} from './unified/crm-query.js';
export type { CrmInputBase, CrmRecordBase } from './unified/crm-record.js';
export {
  type CrmChange,
  type CrmChangeFeed,
  type CrmChangePage,
  type CrmChangesOptions,
  type CrmSyncOptions,
  changeEvent,
  crmChangesPoll,
} from './unified/crm-sync.js';
export {
  type CustomField,
  type CustomFields,
  type CustomOf,
  type CustomValues,
  customName,
  customValuesSchema,
  defineCustomFields,
  readCustomValues,
  writeCustomValues,
} from './unified/custom-fields.js';
export type { Deal, DealFields, DealInput } from './unified/deal.js';
export type { Pipeline, PipelineStage } from './unified/pipeline.js';
