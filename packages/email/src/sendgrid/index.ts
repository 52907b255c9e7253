/**
 * `@junction/email/sendgrid`: the SendGrid connector (Mail Send, suppressions),
 * its Signed Event Webhook (verifier and signer), and the unified adapter.
 *
 * @module
 */
export {
  createSendgridClient,
  SENDGRID_EU_URL,
  SENDGRID_GLOBAL_URL,
  type SendgridClient,
  type SendgridClientOptions,
  type SendgridConnector,
  type SendgridCredentials,
  sendgridApiKey,
  sendgridConnector,
} from './sendgrid-connector.js';
export { sendgridEmail, toSendgridMail } from './sendgrid-email.js';
export { normalizeSendgridEvents, sendgridEmailWebhooks } from './sendgrid-email-events.js';
export {
  isSendgridError,
  isSendgridMessageTooLargeError,
  isSendgridOutcomeUnknownError,
  isSendgridValidationError,
  parseSendgridError,
  type SendgridApiError,
  SendgridErrorBody,
  type SendgridErrorDetails,
  SendgridErrorItem,
  type SendgridFieldError,
  SendgridOutcomeUnknownError,
  sendgridErrors,
} from './sendgrid-errors.js';
export { SENDGRID_MESSAGE_ID_HEADER, sendgridOperations } from './sendgrid-operations.js';
export { SENDGRID_IDEMPOTENCY_CUSTOM_ARG, sendgridRateLimitPolicy, sendgridRetryPolicy } from './sendgrid-policies.js';
export * from './sendgrid-schemas.js';
export {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  type SendgridVerifierOptions,
  sendgridSignature,
  sendgridSigner,
  sendgridVerifier,
} from './sendgrid-signature.js';
export { SendgridTemplate, SendgridTemplateGeneration, SendgridTemplateVersion, sendgridTemplateOperations } from './sendgrid-templates.js';
export {
  customArgsOf,
  messageIdOf,
  SENDGRID_EVENT_SCHEMAS,
  SENDGRID_EVENT_TYPES,
  type SendgridEvent,
  SendgridEventEnvelope,
  type SendgridEventType,
  sendgridWebhooks,
} from './sendgrid-webhooks.js';
