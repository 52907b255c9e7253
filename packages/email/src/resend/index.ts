/**
 * `@junction/email/resend`: the Resend connector (client, errors, policies,
 * Svix-signed webhooks) and its adapter to the unified email interface.
 *
 * @module
 */

export {
  createResendClient,
  type ResendClient,
  type ResendClientOptions,
  type ResendConnector,
  resendConnector,
} from './resend-connector.js';
export { resendEmail, toResendEmail } from './resend-email.js';
export { normalizeResendEvent, resendEmailWebhooks } from './resend-email-events.js';
export {
  isResendAuthenticationError,
  isResendError,
  isResendIdempotencyError,
  isResendRateLimitError,
  isResendValidationError,
  parseResendError,
  type ResendApiError,
  ResendErrorBody,
  ResendErrorName,
  resendErrors,
} from './resend-errors.js';
export { resendOperations } from './resend-operations.js';
export {
  RESEND_BATCH_MAX,
  RESEND_IDEMPOTENCY_HEADER,
  RESEND_IDEMPOTENCY_KEY_MAX,
  RESEND_MAX_RECIPIENTS,
  RESEND_RATE_LIMIT,
  resendIdempotencyPolicy,
  resendRetryPolicy,
} from './resend-policies.js';
export {
  CreateBatchEmailsResponse,
  ResendAttachment,
  ResendEmail,
  ResendEmailRef,
  ResendEmailStatus,
  ResendTag,
  ResendTemplateInput,
  SendBatchRequest,
  SendEmailRequest,
  SendEmailResponse,
} from './resend-schemas.js';
export { ResendSuppression, ResendSuppressionOrigin, resendSuppressionOperations } from './resend-suppressions.js';
export {
  RESEND_EMAIL_EVENT_TYPES,
  RESEND_EVENT_SCHEMAS,
  RESEND_WEBHOOK_HEADERS,
  ResendBounce,
  ResendClick,
  type ResendEmailEvent,
  ResendEmailEventData,
  type ResendEmailEventType,
  ResendEventEnvelope,
  type ResendEventSchemas,
  type ResendWebhookSecrets,
  resendSigner,
  resendVerifier,
  resendWebhooks,
} from './resend-webhooks.js';
