export {
  isStripeAuthenticationError,
  isStripeCardError,
  isStripeError,
  isStripeIdempotencyError,
  isStripeInvalidRequestError,
  type StripeApiError,
  type StripeCardError,
  type StripeIdempotencyError,
} from './guards.js';
export { parseStripeError, stripeErrors } from './parse-stripe-error.js';
export { StripeErrorBody, type StripeErrorDetails, StripeErrorType } from './stripe-error-body.js';
