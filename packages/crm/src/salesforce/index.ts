/**
 * `@junction/crm/salesforce`: the Salesforce REST API connector (client,
 * OAuth flows and login hosts, errors, limits, SOQL builder, collections),
 * the polling change feed, the Outbound Message receiver, and its adapter
 * to the unified CRM interface.
 *
 * @module
 */

export { SALESFORCE_API_VERSION, SALESFORCE_DATA_PATH, SALESFORCE_STAND_IN_BASE, salesforceBaseUrl } from './salesforce-api.js';
export {
  INVALID_TOKEN_SIGNATURE,
  identityOf,
  instanceUrlOf,
  isSalesforceSignatureError,
  myDomainLoginUrl,
  SALESFORCE_ASSERTION_TTL_S,
  SALESFORCE_LOGIN_URL,
  SALESFORCE_TEST_LOGIN_URL,
  type SalesforceAuth,
  type SalesforceLogin,
  salesforceAuthorizationCode,
  salesforceAuthStrategy,
  salesforceOAuthServer,
  salesforceTokenRules,
  signSalesforceAssertion,
  signSalesforceToken,
  verifySalesforceSignature,
} from './salesforce-auth.js';
export { type CollectionMethods, collectionMethods, type ManyOptions } from './salesforce-collections.js';
export {
  createSalesforceClient,
  type SalesforceCallOptions,
  type SalesforceClient,
  type SalesforceClientOptions,
  type SalesforceConnector,
  salesforceConnector,
} from './salesforce-connector.js';
export { type SalesforceCrmOptions, salesforceCrm } from './salesforce-crm.js';
export { normalizeOutboundEvents } from './salesforce-crm-events.js';
export { SALESFORCE_PIPELINE_ID } from './salesforce-crm-mapping.js';
export { SALESFORCE_SYNC_LAG_MS } from './salesforce-crm-sync.js';
export {
  isSalesforceError,
  parseSalesforceError,
  type SalesforceApiError,
  SalesforceErrorBody,
  SalesforceErrorCode,
  SalesforceErrorItem,
  type SalesforceFieldIssue,
  salesforceErrors,
  salesforceFieldIssues,
} from './salesforce-errors.js';
export { sameSalesforceId, toSalesforceId18 } from './salesforce-ids.js';
export { salesforceRecordOperations } from './salesforce-operations.js';
export {
  CollectionRecord,
  SALESFORCE_COLLECTION_MAX,
  salesforceCollectionOperations,
} from './salesforce-operations-collections.js';
export { salesforceQueryOperations } from './salesforce-operations-query.js';
export {
  checkOrganization,
  isOutboundMessageError,
  OUTBOUND_ACK,
  OUTBOUND_MAX_NOTIFICATIONS,
  type OutboundMessage,
  OutboundMessageError,
  type OutboundNotification,
  type OutboundRefusal,
  parseOutboundMessage,
  soapFault,
} from './salesforce-outbound.js';
export {
  createOutboundMessageReceiver,
  OutboundEventPayload,
  type OutboundMessageReceiver,
  type OutboundReceiverOptions,
  type OutboundResponse,
  SALESFORCE_OUTBOUND_EVENTS,
} from './salesforce-outbound-receiver.js';
export {
  type ApiUsageOptions,
  type ApiUsageTracker,
  createApiUsageTracker,
  DEFAULT_STOP_AT,
  parseLimitInfo,
  REQUEST_LIMIT_EXCEEDED,
  SALESFORCE_LIMIT_HEADER,
  type SalesforceApiUsage,
  salesforceRetryPolicy,
} from './salesforce-policies.js';
export { type SalesforceChange, type SalesforceChangePollOptions, salesforceChangePoll, salesforceTime } from './salesforce-poll.js';
export { nextRecordsLocator, type QueryMethods, type QueryPagingOptions, queryMethods } from './salesforce-query.js';
export {
  ChangedRange,
  DeletedResult,
  FieldName,
  LimitInfo,
  LimitsResult,
  QueryResult,
  RecordAttributes,
  type RecordFields,
  SalesforceId,
  SalesforceRecord,
  SaveError,
  SaveResult,
  SObjectName,
  SoqlInput,
  UpdatedResult,
} from './salesforce-schemas.js';
export {
  and,
  conditionText,
  eq,
  gt,
  gte,
  isIn,
  like,
  lt,
  lte,
  ne,
  notIn,
  or,
  type SoqlCondition,
  SoqlDate,
  SoqlIdentifier,
  type SoqlOperator,
  type SoqlOrder,
  SoqlQuery,
  type SoqlValue,
  soql,
  soqlDateTime,
  soqlField,
  soqlIdentifier,
  soqlLiteral,
  soqlObject,
  soqlString,
  soqlTemplate,
} from './salesforce-soql.js';
