/**
 * `@junction/payments/stripe/sandbox`: a local Stripe as msw handlers, for
 * tests, examples and development without a Stripe account.
 *
 * @module
 */

export type { SandboxBilling } from './billing-settings.js';
export type { CompleteCheckoutOptions } from './complete-checkout.js';
export {
  createStripeSandbox,
  SANDBOX_API_KEY,
  type StripeSandbox,
  type StripeSandboxOptions,
} from './create-stripe-sandbox.js';
export { type FormParams, type FormValue, parseForm } from './form-params.js';
export type { SandboxRateLimit } from './rate-limit.js';
export { stripeSignatureHeader } from './sign.js';
export { AccountStore, SandboxState, type StripeObject } from './store.js';
export { TEST_PAYMENT_METHODS, type TestOutcome, type TestPaymentMethod } from './test-payment-methods.js';
export type { SandboxWebhook, WebhookDelivery } from './webhook-sender.js';
