/**
 * @junction/payments/stripe: the Stripe connector, a typed Stripe client, and
 * the adapter that implements the unified payments interface over it.
 */

export { STRIPE_API_VERSION } from './connector/api-version.js';
export { stripeAccount, stripeVersion } from './connector/call-options.js';
export { createStripeClient, type StripeClient, type StripeClientOptions } from './connector/create-stripe-client.js';
export { type StripeCredentials, stripeSecretKey } from './connector/stripe-auth.js';
export { type StripeConnector, stripeConnector } from './connector/stripe-connector.js';
export * from './errors/index.js';
export { stripeOperations } from './operations/index.js';
export { stripeIdempotencyPolicy } from './policies/idempotency.js';
export { isLiveKey, STRIPE_LIVE_RATE_LIMIT, STRIPE_TEST_RATE_LIMIT, stripeRateLimitFor } from './policies/rate-limit.js';
export { stripeRetryPolicy } from './policies/retry-policy.js';
export { stripeRetryVerdict } from './policies/retry-verdict.js';
export * as StripeSchemas from './schemas/index.js';
export type { StripeList, StripeSearchResult } from './schemas/list.js';
export {
  PAYMENT_EVENT_SCHEMAS,
  type PaymentEventSchemas,
  paymentEventType,
  type StripePaymentPollOptions,
  type StripePayments,
  type StripeRawTypes,
  stripePaymentPoll,
  stripePayments,
  stripePaymentWebhooks,
  toCheckoutSession,
  toCustomer,
  toPayment,
  toPaymentEvent,
  toRefund,
} from './unified-adapter/index.js';
export * from './webhooks/index.js';
