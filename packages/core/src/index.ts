/**
 * `@junction/core`: typed connectors, a reliable request pipeline, typed
 * errors, pagination and events for API integrations.
 *
 * @module
 */

export { authMiddleware } from './auth/auth-middleware.js';
export type { AuthScheme, AuthStrategy, CredentialsOf } from './auth/auth-strategy.js';
export * from './auth/oauth2/index.js';
export { type ApiKeyOptions, apiKey, basic, bearer, noAuth, type SecretSource } from './auth/static-schemes.js';
export { createClient } from './client/create-client.js';
export type {
  AuthConfig,
  CallArgs,
  Client,
  ClientBase,
  ClientConfig,
  ClientSettings,
  OperationMethod,
  PaginationMethods,
  RawRequest,
  RawResponse,
} from './client/types.js';
export {
  type AnyConnector,
  type CheckOperationNames,
  type ConnectorDefinition,
  defineConnector,
  type ErrorMapping,
} from './connector/define-connector.js';
export {
  type AnyOperation,
  type BodyEncoding,
  type CheckPathParams,
  defineOperation,
  type InputOf,
  type ItemOf,
  type OperationDefinition,
  type OutputOf,
  type ResponseOf,
  type Schema,
} from './connector/operation.js';
export type { PathParams } from './connector/path.js';
export { encodeForm } from './encoding/form.js';
export { encodeMultipart, type FilePart, file } from './encoding/multipart.js';
export * from './errors/index.js';
export * from './idempotency/index.js';
export type {
  CursorPagination,
  LinkPagination,
  OffsetPagination,
  PagePagination,
  Pagination,
} from './pagination/pagination.js';
export type { CallOptions } from './pipeline/call-options.js';
export {
  type Emit,
  forkContext,
  type HttpMethod,
  type JunctionResponse,
  type Middleware,
  type Next,
  type RequestBody,
  type RequestContext,
  type ResponseType,
} from './pipeline/context.js';
export type * from './pipeline/events.js';
export { createTransport, type FetchTransportOptions, fetchTransport, type TransportOptions } from './pipeline/fetch-transport.js';
export { isRetryableStatus } from './pipeline/http-error.js';
export { type KyLike, kyTransport } from './pipeline/ky-transport.js';
export { observe } from './pipeline/observe.js';
export { Pipeline, type Position, STAGES, type Stage } from './pipeline/pipeline.js';
export { DEFAULT_MAX_RESPONSE_BYTES, ERROR_BODY_BYTES } from './pipeline/read-body.js';
export { retryAfterMs } from './pipeline/retry-after.js';
export { type SendRequest, transportFrom } from './pipeline/transport.js';
export * from './polling/index.js';
export * from './rate-limit/index.js';
export { createRedactor, REDACTED, type Redactor, type RedactorOptions } from './redaction/redactor.js';
export * from './retry/index.js';
export { lenient } from './schema/lenient.js';
export { parseLenient } from './schema/parse-lenient.js';
export { type ClientEventSource, logClientEvents, type StructuredLogger } from './telemetry/log-client-events.js';
export { VERSION } from './version.js';
export * from './webhooks/index.js';
export * from './webhooks/sign/index.js';
export * from './webhooks/verify/index.js';
