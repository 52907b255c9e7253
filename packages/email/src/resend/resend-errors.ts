import { type ApiError, type ErrorMapping, isApiError, type ProviderErrorInfo } from '@junction/core';
import { openEnum } from '@junction/core/utils';
import { z } from 'zod';

/** The error names Resend documents (resend.com/docs/api-reference/errors); open, since Resend may add more. */
export const ResendErrorName = openEnum([
  'invalid_idempotency_key',
  'validation_error',
  'missing_api_key',
  'restricted_api_key',
  'invalid_api_key',
  'not_found',
  'method_not_allowed',
  'invalid_idempotent_request',
  'concurrent_idempotent_requests',
  'invalid_attachment',
  'invalid_from_address',
  'invalid_access',
  'invalid_parameter',
  'invalid_region',
  'missing_required_field',
  'monthly_quota_exceeded',
  'daily_quota_exceeded',
  'rate_limit_exceeded',
  'security_error',
  'application_error',
  'internal_server_error',
]);
/** One of Resend's error names. */
export type ResendErrorName = z.infer<typeof ResendErrorName>;

/** The body of every Resend error response: `{ statusCode, name, message }`. */
export const ResendErrorBody = z.looseObject({
  statusCode: z.number().optional(),
  name: ResendErrorName,
  message: z.string().optional(),
});
/** The body of a Resend error response. */
export type ResendErrorBody = z.infer<typeof ResendErrorBody>;

/**
 * Reads a Resend error response into an `ApiError`'s fields: `name` becomes
 * both `code` and `type` (Resend has one name per error), `message` the
 * provider message. Resend sends no request id header.
 */
export function parseResendError(body: unknown, _response: { status: number; headers: Headers }): ProviderErrorInfo | undefined {
  const parsed = ResendErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const { name, message, statusCode } = parsed.data;
  return {
    code: name,
    type: name,
    ...(message ? { message } : {}),
    ...(statusCode === undefined ? {} : { details: { statusCode } }),
  };
}

/** The connector's error mapping. */
export const resendErrors: ErrorMapping = { parse: parseResendError };

/** An `ApiError` that came from Resend: `code` (and `type`) hold Resend's error `name`. */
export type ResendApiError = ApiError & { readonly code: ResendErrorName; readonly type: ResendErrorName };

/** True when `error` is an error answer from Resend (any name). */
export function isResendError(error: unknown): error is ResendApiError {
  return isApiError(error) && error.request?.connector === 'resend' && typeof error.code === 'string';
}

/**
 * True when Resend refused the request's fields: `validation_error`,
 * `missing_required_field`, `invalid_attachment`, `invalid_parameter` or
 * `invalid_from_address`. The message names the field.
 */
export function isResendValidationError(error: unknown): error is ResendApiError {
  return (
    isResendError(error) &&
    ['validation_error', 'missing_required_field', 'invalid_attachment', 'invalid_parameter', 'invalid_from_address'].includes(error.code)
  );
}

/** True when an idempotency key was misused: reused with another body, still in flight, or malformed. */
export function isResendIdempotencyError(error: unknown): error is ResendApiError {
  return (
    isResendError(error) && ['invalid_idempotent_request', 'concurrent_idempotent_requests', 'invalid_idempotency_key'].includes(error.code)
  );
}

/** True when the API key is missing, invalid or restricted (401, 403). */
export function isResendAuthenticationError(error: unknown): error is ResendApiError {
  return isResendError(error) && ['missing_api_key', 'invalid_api_key', 'restricted_api_key'].includes(error.code);
}

/** True when Resend refused for rate or quota: `rate_limit_exceeded` (wait), or a daily or monthly quota (do not retry). */
export function isResendRateLimitError(error: unknown): error is ResendApiError {
  return isResendError(error) && ['rate_limit_exceeded', 'daily_quota_exceeded', 'monthly_quota_exceeded'].includes(error.code);
}
