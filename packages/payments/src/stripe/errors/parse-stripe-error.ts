import type { ErrorMapping, ProviderErrorInfo } from '@junction/core';
import { stripeRetryVerdict } from '../policies/retry-verdict.js';
import { StripeErrorBody, type StripeErrorDetails } from './stripe-error-body.js';

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
