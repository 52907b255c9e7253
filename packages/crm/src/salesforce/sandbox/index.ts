/**
 * `@junction/crm/salesforce/sandbox`: a local Salesforce org (login host,
 * instance hosts, sObjects, SOQL, collections, limits, outbound messages) for tests.
 *
 * @module
 */

export {
  createSalesforceSandbox,
  type RunningSalesforceSandbox,
  SALESFORCE_SANDBOX_APP,
  SALESFORCE_SANDBOX_ORG_ID,
  type SalesforceSandbox,
  type SalesforceSandboxOptions,
  startSalesforceSandbox,
} from './salesforce-sandbox.js';
export type { InstanceState } from './salesforce-sandbox-data.js';
export type { SandboxConnectedApp, SandboxSession } from './salesforce-sandbox-oauth.js';
export { type OutboundDelivery, OutboundSender, type SandboxOutboundOptions } from './salesforce-sandbox-outbound.js';
export {
  DEFAULT_SANDBOX_OBJECTS,
  RecordStore,
  type SandboxObjectSpec,
  type SandboxSaveError,
  type StoredRecord,
  salesforceDateTime,
} from './salesforce-sandbox-records.js';
export { parseSoql, SoqlSyntaxError } from './salesforce-sandbox-soql.js';
