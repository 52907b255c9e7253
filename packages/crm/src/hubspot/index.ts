/**
 * `@junction/crm/hubspot`: the HubSpot connector (client, dated 2026-03 CRM
 * operations, errors, rate-limit and retry policies, batch chunking, OAuth,
 * v3-signed webhooks) and its adapter to the unified CRM interface.
 *
 * @module
 */

export {
  checkHubspotToken,
  HUBSPOT_OAUTH_ENDPOINTS,
  HUBSPOT_REFRESH_TOKENS_URL,
  HUBSPOT_TOKEN_MAX_LENGTH,
  type HubspotOAuthCredentials,
  type HubspotOAuthOptions,
  hubspotOAuth,
} from './hubspot-auth.js';
export {
  type HubspotBatchAction,
  type HubspotBatchInputs,
  type HubspotBatchItemError,
  type HubspotBatchOptions,
  type HubspotBatchOutcome,
  type HubspotBatchResults,
  hubspotBatch,
} from './hubspot-batch.js';
export {
  createHubspotClient,
  type HubspotClient,
  type HubspotClientOptions,
  type HubspotConnector,
  type HubspotOAuthConnection,
  hubspotConnector,
} from './hubspot-connector.js';
export { type HubspotCrmOptions, hubspotCrm } from './hubspot-crm.js';
export { hubspotCrmWebhooks, normalizeHubspotEvents } from './hubspot-crm-events.js';
export { HUBSPOT_SYNC_LAG_MS } from './hubspot-crm-sync.js';
export { type HubspotDailyLimitOptions, hubspotDailyLimit, msUntilMidnight } from './hubspot-daily-limit.js';
export {
  existingIdOf,
  type HubspotApiError,
  HubspotErrorBody,
  type HubspotFieldError,
  hubspotErrors,
  isHubspotConflict,
  isHubspotError,
  parseHubspotError,
} from './hubspot-errors.js';
export { hubspotOperations } from './hubspot-operations.js';
export { hubspotAssociationOperations, hubspotPipelineOperations } from './hubspot-operations-associations.js';
export { hubspotBatchOperations } from './hubspot-operations-batch.js';
export { hubspotObjectOperations } from './hubspot-operations-objects.js';
export {
  HUBSPOT_BATCH_MAX,
  HUBSPOT_BURST_INTERVAL_MS,
  HUBSPOT_BURST_LIMITS,
  HUBSPOT_DAILY_LIMITS,
  HUBSPOT_POLICY,
  HUBSPOT_RATE_LIMIT_HEADERS,
  HUBSPOT_SEARCH_MAX_LIMIT,
  HUBSPOT_SEARCH_PER_SECOND,
  type HubspotRateLimitInfo,
  type HubspotTier,
  hubspotBurstLimit,
  hubspotLimitWaitMs,
  hubspotPolicyName,
  hubspotRateLimitPolicy,
  hubspotRetryPolicy,
  readHubspotRateLimit,
} from './hubspot-policies.js';
export {
  batchInputs,
  batchResponse,
  CommaList,
  HubspotAssociation,
  HubspotAssociationInput,
  HubspotAssociationPage,
  HubspotAssociationSpec,
  HubspotBatchError,
  HubspotBatchObjects,
  HubspotBatchUpserted,
  HubspotCreateInput,
  HubspotDefaultAssociationResult,
  HubspotErrorDetail,
  HubspotFilter,
  HubspotFilterOperator,
  HubspotId,
  HubspotIdInput,
  HubspotObject,
  HubspotObjectPage,
  HubspotObjectType,
  HubspotPaging,
  HubspotPipeline,
  HubspotPipelineObjectType,
  HubspotPipelineStage,
  HubspotPropertiesInput,
  HubspotSearchPage,
  HubspotSearchRequest,
  HubspotSort,
  HubspotUpdateInput,
  HubspotUpsertedObject,
  HubspotUpsertInput,
} from './hubspot-schemas.js';
export { hubspotSearchLimit } from './hubspot-search-limit.js';
export {
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  type HubSpotV3VerifierOptions,
  type HubspotV3SignerOptions,
  hubspotSignedUri,
  hubspotV3,
  hubspotV3Signer,
} from './hubspot-signature.js';
export { HUBSPOT_API_VERSION, HUBSPOT_BASE_URL, HUBSPOT_OBJECTS_PATH, HUBSPOT_PIPELINES_PATH } from './hubspot-version.js';
export {
  HUBSPOT_EVENT_SCHEMAS,
  HUBSPOT_WEBHOOK_OBJECTS,
  type HubspotEvent,
  HubspotEventEnvelope,
  type HubspotEventType,
  type HubspotObjectEventSchemas,
  hubspotWebhooks,
} from './hubspot-webhooks.js';
