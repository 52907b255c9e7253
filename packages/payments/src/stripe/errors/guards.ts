import { type ApiError, isApiError } from '@junction/core';
import type { StripeErrorDetails, StripeErrorType } from './stripe-error-body.js';

/** An `ApiError` that came from Stripe: `type` is always set and `details` has Stripe's fields. */
export type StripeApiError = ApiError & { readonly type: StripeErrorType; readonly details?: StripeErrorDetails };

/** A card was declined (402): `details.decline_code` says why, e.g. `insufficient_funds`. */
export type StripeCardError = StripeApiError & { readonly type: 'card_error' };

/** An idempotency key was misused: reused with other parameters (400), or still in use by another request (409). */
export type StripeIdempotencyError = StripeApiError & { readonly type: 'idempotency_error' };

/** True when `error` is an error answer from Stripe (any type). */
export function isStripeError(error: unknown): error is StripeApiError {
  return isApiError(error) && error.request?.connector === 'stripe' && typeof error.type === 'string';
}

/**
 * True when a card was declined or could not be charged. Read
 * `error.code` (`card_declined`, `expired_card`…) and
 * `error.details?.decline_code`; show `error.providerMessage` (Stripe's
 * message, written for the customer) at checkout.
 */
export function isStripeCardError(error: unknown): error is StripeCardError {
  return isStripeError(error) && error.type === 'card_error';
}

/**
 * True when an idempotency key was misused. `status === 400`: the key was
 * first used with other parameters (a bug: use a new key for a new request).
 * `status === 409` (`code: 'idempotency_key_in_use'`): a request with the key
 * is still running; the client retries these by itself.
 */
export function isStripeIdempotencyError(error: unknown): error is StripeIdempotencyError {
  return isStripeError(error) && error.type === 'idempotency_error';
}

/** True when the request itself was wrong: a bad parameter (`details.param`), a missing object (`code: 'resource_missing'`), a bad key (401). */
export function isStripeInvalidRequestError(error: unknown): error is StripeApiError & { readonly type: 'invalid_request_error' } {
  return isStripeError(error) && error.type === 'invalid_request_error';
}

/** True when the secret key was missing, wrong or revoked (401). */
export function isStripeAuthenticationError(error: unknown): error is StripeApiError {
  return isStripeError(error) && error.status === 401;
}
