/**
 * `@junction/email/resend/sandbox`: a local Resend as msw handlers, for tests
 * and examples without a Resend account.
 *
 * @module
 */

export {
  createResendSandbox,
  type OutboxEmail,
  RESEND_SANDBOX_API_KEY,
  type ResendSandbox,
  type ResendSandboxOptions,
  type ResendSandboxRequest,
} from './resend-sandbox.js';
export type { ResendSandboxEvent, ResendSandboxWebhook } from './resend-sandbox-events.js';
export { RESEND_MAX_ATTACHMENTS_BYTES } from './resend-sandbox-rules.js';
