import { type ApiError, type ErrorMapping, isApiError, type ProviderErrorInfo } from '@junction/core';
import { z } from 'zod';
import { HubspotErrorDetail } from './hubspot-schemas.js';

/**
 * HubSpot's error body, every field optional (HubSpot leaves some out):
 * `{ status, message, correlationId, category, subCategory, context, links,
 * errors: [{ message, code, in, context }] }`, and on a 429 `errorType`,
 * `policyName` and `requestId`.
 */
export const HubspotErrorBody = z.looseObject({
  status: z.string().optional(),
  message: z.string().optional(),
  correlationId: z.string().optional(),
  category: z.string().optional(),
  subCategory: z.unknown().optional(),
  context: z.record(z.string(), z.unknown()).optional(),
  links: z.record(z.string(), z.string()).optional(),
  errors: z.array(HubspotErrorDetail).optional(),
  errorType: z.string().optional(),
  policyName: z.string().optional(),
  requestId: z.string().optional(),
});
/** A HubSpot error body. */
export type HubspotErrorBody = z.infer<typeof HubspotErrorBody>;

/** One field-level problem of a HubSpot error, as `ApiError.details.fieldErrors` carries it. */
export interface HubspotFieldError {
  message?: string;
  code?: string;
  /** The field (HubSpot's `in`, or the `propertyName` of its context). */
  field?: string;
  context?: Record<string, string[]>;
}

/**
 * Reads a HubSpot error into an `ApiError`'s fields: `category` (or the
 * 429's `errorType`) as `code`, `subCategory` as `type` when it is a string,
 * `correlationId` as `requestId` (what HubSpot support asks for), and the
 * per-field `errors[]` as `details.fieldErrors`.
 */
export function parseHubspotError(body: unknown, _response: { status: number; headers: Headers }): ProviderErrorInfo | undefined {
  const parsed = HubspotErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const { category, errorType, subCategory, message, correlationId, context, errors, policyName, links } = parsed.data;
  const code = category ?? errorType;
  const requestId = correlationId ?? parsed.data.requestId;
  const fieldErrors = errors?.map(toFieldError);
  const details = {
    ...(subCategory === undefined ? {} : { subCategory }),
    ...(context ? { context } : {}),
    ...(fieldErrors?.length ? { fieldErrors } : {}),
    ...(policyName ? { policyName } : {}),
    ...(links ? { links } : {}),
  };
  return {
    ...(code ? { code } : {}),
    ...(typeof subCategory === 'string' ? { type: subCategory } : {}),
    ...(message ? { message } : {}),
    ...(requestId ? { requestId } : {}),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
}

function toFieldError(detail: z.infer<typeof HubspotErrorDetail>): HubspotFieldError {
  const field = detail.in ?? detail.context?.propertyName?.[0];
  return {
    ...(detail.message ? { message: detail.message } : {}),
    ...(detail.code ? { code: detail.code } : {}),
    ...(field ? { field } : {}),
    ...(detail.context ? { context: detail.context } : {}),
  };
}

/** The connector's error mapping. HubSpot also sends the correlation id as `X-HubSpot-Correlation-Id`. */
export const hubspotErrors: ErrorMapping = { parse: parseHubspotError, requestIdHeader: 'x-hubspot-correlation-id' };

/** An `ApiError` from HubSpot: `code` is its `category` (e.g. `VALIDATION_ERROR`, `OBJECT_NOT_FOUND`, `CONFLICT`). */
export type HubspotApiError = ApiError & { readonly details?: { fieldErrors?: HubspotFieldError[]; context?: Record<string, unknown> } };

/** True when `error` is an error answer from HubSpot. */
export function isHubspotError(error: unknown): error is HubspotApiError {
  return isApiError(error) && error.request?.connector === 'hubspot';
}

/** True when HubSpot refused a create because a unique property (a contact's email) is taken: 409 `CONFLICT`. */
export function isHubspotConflict(error: unknown): error is HubspotApiError {
  return isHubspotError(error) && error.status === 409;
}

/** The id of the record that already holds the unique value, read from a 409's message (`Existing ID: 123`), if there. */
export function existingIdOf(error: unknown): string | undefined {
  if (!isHubspotConflict(error)) return undefined;
  return /Existing ID:\s*(\d+)/i.exec(error.providerMessage ?? '')?.[1];
}
