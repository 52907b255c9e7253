import { type ApiError, type ErrorMapping, isApiError, type ProviderErrorInfo } from '@junction/core';
import { openEnum } from '@junction/core/utils';
import { z } from 'zod';
import { stripeRetryVerdict } from './stripe-policies.js';

/** The error categories Stripe answers with; open, since Stripe may add more. */
export const StripeErrorType = openEnum(['api_error', 'card_error', 'idempotency_error', 'invalid_request_error']);
/** One of Stripe's error categories. */
export type StripeErrorType = z.infer<typeof StripeErrorType>;

const objectWithId = z.looseObject({ id: z.string() });

/**
 * The body of every Stripe error response: `{ error: { type, code, … } }`.
 * Only what the connector reads is declared; the rest is kept.
 */
export const StripeErrorBody = z.object({
  error: z.looseObject({
    type: StripeErrorType,
    code: z.string().optional(),
    decline_code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
    doc_url: z.string().optional(),
    request_log_url: z.string().optional(),
    charge: z.string().optional(),
    payment_intent: objectWithId.optional(),
    payment_method: objectWithId.optional(),
    setup_intent: objectWithId.optional(),
  }),
});
/** The body of a Stripe error response. */
export type StripeErrorBody = z.infer<typeof StripeErrorBody>;

/** What a Stripe error adds to `ApiError.details`. Ids only: the whole objects stay on `error.body`. */
export interface StripeErrorDetails {
  /** Why the card issuer declined, for `card_error`s, e.g. `insufficient_funds`. */
  decline_code?: string;
  /** The parameter at fault, e.g. `amount`. */
  param?: string;
  /** Stripe's page about the error code. */
  doc_url?: string;
  /** The request in the Stripe dashboard's logs. */
  request_log_url?: string;
  /** The failed charge's id, for card errors. */
  charge?: string;
  /** The PaymentIntent's id, when the error concerns one. */
  payment_intent?: string;
  /** The PaymentMethod's id, when the error concerns one. */
  payment_method?: string;
  /** The SetupIntent's id, when the error concerns one. */
  setup_intent?: string;
}

/**
 * Reads a Stripe error response into the fields of an `ApiError`: type,
 * code, message, the `request-id` header, and the details a caller acts on
 * (`decline_code`, `param`, `doc_url`, ids). `retryable` follows Stripe's own
 * rules, so `error.retryable` says what the retry layer did.
 */
export function parseStripeError(body: unknown, response: { status: number; headers: Headers }): ProviderErrorInfo {
  const requestId = response.headers.get('request-id') ?? undefined;
  const parsed = StripeErrorBody.safeParse(body);
  if (!parsed.success) {
    const retryable = stripeRetryVerdict(response.status, response.headers, undefined);
    return { ...(requestId ? { requestId } : {}), ...(retryable === undefined ? {} : { retryable }) };
  }
  const error = parsed.data.error;
  const details: StripeErrorDetails = compact({
    decline_code: error.decline_code,
    param: error.param,
    doc_url: error.doc_url,
    request_log_url: error.request_log_url,
    charge: error.charge,
    payment_intent: error.payment_intent?.id,
    payment_method: error.payment_method?.id,
    setup_intent: error.setup_intent?.id,
  });
  const retryable = stripeRetryVerdict(response.status, response.headers, error.code);
  return {
    type: error.type,
    ...(error.code ? { code: error.code } : {}),
    ...(error.message ? { message: error.message } : {}),
    ...(requestId ? { requestId } : {}),
    ...(Object.keys(details).length > 0 ? { details: { ...details } } : {}),
    ...(retryable === undefined ? {} : { retryable }),
  };
}

/** The connector's error mapping. */
export const stripeErrors: ErrorMapping = { parse: parseStripeError, requestIdHeader: 'request-id' };

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as T;
}

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
