/**
 * `@junction/email/sendgrid/sandbox`: a local SendGrid as msw handlers, for
 * tests, examples and development without a SendGrid account.
 *
 * @module
 */
export { SENDGRID_MAX_MESSAGE_BYTES, SENDGRID_MAX_RECIPIENTS, type SendgridSandboxError } from './sendgrid-mail-checks.js';
export {
  createSendgridSandbox,
  type OutboxEntry,
  SENDGRID_SANDBOX_API_KEY,
  type SendgridSandbox,
  type SendgridSandboxOptions,
} from './sendgrid-sandbox.js';
export { outcomeOf, type SandboxEvent } from './sendgrid-sandbox-events.js';
