/**
 * `@junction/payments/stripe`: the Stripe connector, a typed Stripe client, and
 * the adapter that implements the unified payments interface over it.
 *
 * @module
 */

export { type StripeCredentials, stripeSecretKey } from './stripe-auth.js';
export {
  createStripeClient,
  STRIPE_API_VERSION,
  type StripeClient,
  type StripeClientOptions,
  type StripeConnector,
  stripeAccount,
  stripeConnector,
  stripeVersion,
} from './stripe-connector.js';
export {
  isStripeAuthenticationError,
  isStripeCardError,
  isStripeError,
  isStripeIdempotencyError,
  isStripeInvalidRequestError,
  parseStripeError,
  type StripeApiError,
  type StripeCardError,
  StripeErrorBody,
  type StripeErrorDetails,
  StripeErrorType,
  type StripeIdempotencyError,
  stripeErrors,
} from './stripe-errors.js';
export {
  type DownloadInvoicePdfOptions,
  downloadInvoicePdf,
  type InvoicePdfSource,
} from './stripe-invoice-pdf.js';
export {
  isStripeInvoicePdfError,
  StripeInvoicePdfError,
  type StripeInvoicePdfErrorOptions,
  type StripeInvoicePdfErrorReason,
} from './stripe-invoice-pdf-error.js';
export { type InvoicePdfOrigin, STRIPE_INVOICE_PDF_ORIGINS } from './stripe-invoice-pdf-origins.js';
export type { StripeList, StripeSearchResult } from './stripe-lists.js';
export { stripeOperations } from './stripe-operations.generated.js';
export { type StripePayments, stripePayments } from './stripe-payments.js';
export { type StripeRawTypes, toCheckoutSession, toCustomer, toPayment, toRefund } from './stripe-payments-convert.js';
export {
  PAYMENT_EVENT_SCHEMAS,
  type PaymentEventSchemas,
  paymentEventType,
  type StripePaymentPollOptions,
  stripePaymentPoll,
  stripePaymentWebhooks,
  toPaymentEvent,
} from './stripe-payments-events.js';
export {
  isLiveKey,
  STRIPE_LIVE_RATE_LIMIT,
  STRIPE_TEST_RATE_LIMIT,
  stripeIdempotencyPolicy,
  stripeRateLimitFor,
  stripeRetryPolicy,
  stripeRetryVerdict,
} from './stripe-policies.js';
export {
  cursorOf,
  type ListSinceOptions,
  listEventsSince,
  type StripeEventPage,
  type StripePollOptions,
  stripeEventsPoll,
  stripePoll,
} from './stripe-poll.js';
export * as StripeSchemas from './stripe-schemas.js';
export { type StripeVerifierOptions, stripeSigner, stripeVerifier } from './stripe-signature.js';
export {
  STRIPE_EVENT_SCHEMAS,
  StripeEventEnvelope,
  type StripeEventObject,
  type StripeEventOf,
  type StripeEventSchemas,
  type StripeEventType,
  type StripeInvoiceEvent,
  type StripePaymentMethodEvent,
  type StripeSetupIntentEvent,
  type StripeSubscriptionEvent,
  type StripeUpcomingInvoiceEvent,
  type StripeWebhookSecrets,
  stripeEventSchema,
  stripeWebhooks,
} from './stripe-webhooks.js';
