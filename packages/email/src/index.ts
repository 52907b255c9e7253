/**
 * `@junction/email`: a unified email interface (messages, batch results,
 * delivery events, suppressions) that the SendGrid and Resend adapters
 * (`@junction/email/sendgrid`, `@junction/email/resend`) implement.
 *
 * @module
 */
export { isUnsupportedFeatureError, UnsupportedFeatureError } from '@junction/core';
export { Email, Mailbox, Mailboxes, type MailboxInput } from './unified/address.js';
export { type CheckedBatch, checkBatch, inOrder } from './unified/batch.js';
export type { EmailProvider, EmailRequestOptions, SuppressionsApi } from './unified/email-provider.js';
export {
  type EmailDeliveryVerified,
  type EmailEventSchemas,
  type EmailWebhookSecrets,
  type EmailWebhookSource,
  emailWebhooks,
} from './unified/email-webhooks.js';
export { EMAIL_EVENT_TYPES, EmailEvent, type EmailEventType } from './unified/events.js';
export {
  Attachment,
  attachmentBase64,
  type BatchItemResult,
  EmailMessage,
  type EmailMessageInput,
  parseMessage,
  type SendResult,
  TemplateRef,
} from './unified/message.js';
export { isSuppressedRecipientError, refuseSuppressed, SuppressedRecipientError } from './unified/suppressed-recipient-error.js';
export { type Suppression, SuppressionReason } from './unified/suppression.js';
