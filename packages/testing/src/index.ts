/**
 * `@junction/testing`: serve msw handlers from a real loopback server, inject
 * faults into it, fake providers' idempotency, and build provider sandboxes
 * (and an OAuth 2 server) from a connector's declarations, for testing integrations.
 *
 * @module
 */

export type {
  Fault,
  FaultKind,
  FaultOptions,
  FaultTiming,
  LatencyFault,
  MalformedBodyFault,
  RateLimitFault,
  ResetFault,
  ServerErrorFault,
} from './faults/fault.js';
export type { FaultController } from './faults/fault-controller.js';
export type { FaultCall, FaultFunction, FaultPlan, FaultRate, FaultRates, FaultScript, ScopedFaultPlan } from './faults/fault-plan.js';
export { matchesRequest, type RequestMatcher } from './faults/match-request.js';
export { seededRandom } from './faults/seeded-random.js';
export {
  type IdempotentEndpoint,
  type IdempotentEndpointOptions,
  idempotentEndpoint,
} from './idempotency/idempotent-endpoint.js';
export type { RecordedRequest } from './loopback/recorded-request.js';
export { type LoopbackServer, type LoopbackServerOptions, startLoopbackServer } from './loopback/start-loopback-server.js';
export { createOAuthServer, type OAuthServer, type OAuthServerOptions } from './oauth/create-oauth-server.js';
export type {
  ClientAuthMethod,
  OAuthClient,
} from './oauth/oauth-client-auth.js';
export type { ConsentDecision, ConsentRequest, ConsentScript } from './oauth/oauth-consent.js';
export type { OAuthErrorCode } from './oauth/oauth-responses.js';
export type { OAuthGrant } from './oauth/oauth-token-ledger.js';
export {
  defineSandbox,
  type Sandbox,
  type SandboxCall,
  type SandboxHandler,
  type SandboxHandlers,
  type SandboxHookContext,
  type SandboxOptions,
  type SandboxParams,
} from './sandbox/define-sandbox.js';
export { EventRecorder, type EventRecorderOptions, type RecordedEvent } from './sandbox/event-recorder.js';
export { BASE62, createIdGenerator, type IdGenerator, type IdGeneratorOptions } from './sandbox/id-generator.js';
export {
  fingerprintOf,
  IdempotencyLedger,
  type IdempotencyLedgerOptions,
  type LedgerRequest,
} from './sandbox/idempotency-ledger.js';
export {
  type BadPageParam,
  cursorPages,
  type ListPage,
  offsetPages,
  type PageOptions,
  type Paginate,
  tokenPages,
} from './sandbox/list-page.js';
export { Collection, createObjectStore, type ObjectStore } from './sandbox/object-store.js';
export { decodeForm } from './sandbox/read-operation-input.js';
export { invalidInputResponse, unknownParamsResponse } from './sandbox/sandbox-responses.js';
export { type RateLimitInfo, TokenBucket, type TokenBucketOptions } from './sandbox/token-bucket.js';
export { type WebhookDelivery, WebhookSender, type WebhookSenderOptions } from './sandbox/webhook-sender.js';
