import {
  type ApiError,
  type ErrorMapping,
  isApiError,
  isJunctionError,
  isNetworkError,
  isTimeoutError,
  JunctionError,
  type ProviderErrorInfo,
} from '@junction/core';
import { z } from 'zod';

/** One entry of SendGrid's error list: what is wrong, the field at fault (or null) and a help link. */
export const SendgridErrorItem = z.looseObject({
  message: z.string().optional(),
  field: z.string().nullable().optional(),
  help: z.unknown().optional(),
});
/** One entry of SendGrid's error list. */
export type SendgridErrorItem = z.infer<typeof SendgridErrorItem>;

/** The body of a SendGrid error response: `{ errors: [{ message, field, help }], id? }`. */
export const SendgridErrorBody = z.looseObject({ errors: z.array(SendgridErrorItem), id: z.string().optional() });
/** The body of a SendGrid error response. */
export type SendgridErrorBody = z.infer<typeof SendgridErrorBody>;

/** One field's problem, as `ApiError.details.fields` lists them. */
export interface SendgridFieldError {
  /** The field SendGrid names, e.g. `personalizations.0.to`, or null for the whole request. */
  field: string | null;
  message: string;
  /** SendGrid's help link or text, when it sends one. */
  help?: string;
}

/** What a SendGrid error adds to `ApiError.details`. */
export interface SendgridErrorDetails {
  /** Every error SendGrid listed, in order, with the field at fault. */
  fields: SendgridFieldError[];
}

// SendGrid writes `"field": "null"` (a string) in some answers, as its own spec's examples show.
function fieldName(field: string | null | undefined): string | null {
  return field === undefined || field === null || field === 'null' ? null : field;
}

/**
 * Reads a SendGrid error response into the fields of an `ApiError`: the
 * first message, every `{ message, field, help }` in `details.fields`, the
 * error `id` as the request id; 413 gets a plain "message too large" message
 * and the `message_too_large` code.
 */
export function parseSendgridError(body: unknown, response: { status: number; headers: Headers }): ProviderErrorInfo {
  const parsed = SendgridErrorBody.safeParse(body);
  const tooLarge = response.status === 413;
  const tooLargeInfo = tooLarge
    ? { code: 'message_too_large', message: 'The message is too large: SendGrid accepts at most 30 MB in all, attachments included.' }
    : {};
  if (!parsed.success) return tooLargeInfo;
  const fields: SendgridFieldError[] = parsed.data.errors.map((item) => ({
    field: fieldName(item.field),
    message: item.message ?? '',
    ...(typeof item.help === 'string' && item.help !== '' ? { help: item.help } : {}),
  }));
  const first = fields[0];
  const message = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ');
  const details: SendgridErrorDetails = { fields };
  return {
    ...(first ? { message } : {}),
    ...tooLargeInfo,
    ...(parsed.data.id ? { requestId: parsed.data.id } : {}),
    details: { ...details },
  };
}

/** The connector's error mapping. */
export const sendgridErrors: ErrorMapping = { parse: parseSendgridError };

/** An `ApiError` that came from SendGrid, with its per-field errors in `details.fields`. */
export type SendgridApiError = ApiError & { readonly details?: SendgridErrorDetails };

/** True when `error` is an error answer from SendGrid. */
export function isSendgridError(error: unknown): error is SendgridApiError {
  return isApiError(error) && error.request?.connector === 'sendgrid';
}

/** True when SendGrid refused the message as too large (413: over 30 MB with attachments). */
export function isSendgridMessageTooLargeError(error: unknown): error is SendgridApiError {
  return isSendgridError(error) && error.status === 413;
}

/** True when the request was refused for its content (400), with the fields at fault in `details.fields`. */
export function isSendgridValidationError(error: unknown): error is SendgridApiError & { readonly details: SendgridErrorDetails } {
  return isSendgridError(error) && error.status === 400 && Array.isArray(error.details?.fields);
}

const OUTCOME_UNKNOWN = Symbol.for('junction.error.SendgridOutcomeUnknownError');

/**
 * A send whose outcome is unknown: the connection broke after the request
 * went out, the attempt timed out, or SendGrid answered 5xx. SendGrid takes
 * no idempotency key, so the message may or may not have been accepted, and
 * sending it again may deliver it twice. `cause` is the underlying error.
 * Match the send later by the key stamped in `custom_args` (the events carry it).
 */
export class SendgridOutcomeUnknownError extends JunctionError {
  /** Always `unknown`: the message may have been accepted. */
  readonly outcome = 'unknown' as const;
  /** Not retried by the connector; retry only if a duplicate is acceptable (`retryUnsafeSends`). */
  readonly retryable = false;
  /** SendGrid's status, when it answered (5xx). */
  readonly status?: number;

  constructor(cause: JunctionError) {
    super(
      `The outcome of the send is unknown: ${cause.message} SendGrid may have accepted the message; it was not sent again, since SendGrid takes no idempotency key and a repeat could deliver it twice.`,
      { cause, ...(cause.request ? { request: cause.request } : {}) },
    );
    if (isApiError(cause)) this.status = cause.status;
    Object.defineProperty(this, OUTCOME_UNKNOWN, { value: true, enumerable: false });
  }
}

/** True when a send's outcome is unknown (see {@link SendgridOutcomeUnknownError}). */
export function isSendgridOutcomeUnknownError(error: unknown): error is SendgridOutcomeUnknownError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[OUTCOME_UNKNOWN] === true;
}

/**
 * True when a failed send may have been processed: a 5xx answer, a timeout
 * of an attempt, or a connection error after the request left. A 429, a 4xx
 * and a connection refused before sending prove it was not.
 */
export function sendOutcomeUnknown(error: unknown): error is JunctionError {
  if (!isJunctionError(error)) return false;
  if (isApiError(error)) return error.status >= 500;
  if (isTimeoutError(error)) return true;
  return isNetworkError(error) && error.requestSent;
}
