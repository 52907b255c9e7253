import { type ApiError, type ErrorMapping, isApiError, type ProviderErrorInfo } from '@junction/core';
import { openEnum } from '@junction/core/utils';
import { z } from 'zod';

/** Error codes Salesforce's REST API answers often (REST API Developer Guide, "Status Codes and Error Responses"); open, since there are hundreds. */
export const SalesforceErrorCode = openEnum([
  'INVALID_SESSION_ID',
  'REQUIRED_FIELD_MISSING',
  'INVALID_FIELD',
  'MALFORMED_QUERY',
  'MALFORMED_ID',
  'DUPLICATE_VALUE',
  'ENTITY_IS_DELETED',
  'NOT_FOUND',
  'UNABLE_TO_LOCK_ROW',
  'REQUEST_LIMIT_EXCEEDED',
  'INVALID_TYPE',
  'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  'INVALID_QUERY_LOCATOR',
  'API_DISABLED_FOR_ORG',
]);
/** One of Salesforce's error codes. */
export type SalesforceErrorCode = z.infer<typeof SalesforceErrorCode>;

/** One entry of Salesforce's error body: `{ message, errorCode, fields }`. */
export const SalesforceErrorItem = z.looseObject({
  message: z.string().optional(),
  errorCode: SalesforceErrorCode,
  fields: z.array(z.string()).optional(),
});
/** One entry of a Salesforce error body. */
export type SalesforceErrorItem = z.infer<typeof SalesforceErrorItem>;

/** The body of a REST API error: an array, usually of one entry. */
export const SalesforceErrorBody = z.array(SalesforceErrorItem).min(1);

/** A field-level problem Salesforce reported: the field and the message. */
export interface SalesforceFieldIssue {
  path: string[];
  message: string;
  code: string;
}

/**
 * Reads Salesforce's array error body into an `ApiError`'s fields: the first
 * entry's `errorCode` is `code`, its `message` the provider message; every
 * entry is kept in `details.errors`, and each named field becomes an issue
 * in `details.issues` (`{ path: [field], message, code }`).
 */
export function parseSalesforceError(body: unknown, _response: { status: number; headers: Headers }): ProviderErrorInfo | undefined {
  const parsed = SalesforceErrorBody.safeParse(body);
  if (!parsed.success) return undefined;
  const [first] = parsed.data as [SalesforceErrorItem, ...SalesforceErrorItem[]];
  const issues: SalesforceFieldIssue[] = parsed.data.flatMap((item) =>
    (item.fields ?? []).map((field) => ({ path: [field], message: item.message ?? item.errorCode, code: item.errorCode })),
  );
  return {
    code: first.errorCode,
    ...(first.message ? { message: first.message } : {}),
    details: { errors: parsed.data, ...(issues.length > 0 ? { issues } : {}) },
    // A lock held by another transaction clears quickly; Salesforce rolled the write back.
    ...(first.errorCode === 'UNABLE_TO_LOCK_ROW' ? { retryable: true } : {}),
  };
}

/** The connector's error mapping. */
export const salesforceErrors: ErrorMapping = { parse: parseSalesforceError };

/** An `ApiError` from Salesforce: `code` is the first entry's `errorCode`. */
export type SalesforceApiError = ApiError & { readonly code: SalesforceErrorCode };

/** True when `error` is an error answer from Salesforce's REST API. */
export function isSalesforceError(error: unknown): error is SalesforceApiError {
  return isApiError(error) && error.request?.connector === 'salesforce' && typeof error.code === 'string';
}

/** The field-level issues of a Salesforce error (from its `fields`), empty when none. */
export function salesforceFieldIssues(error: ApiError): readonly SalesforceFieldIssue[] {
  const issues = error.details?.issues;
  return Array.isArray(issues) ? (issues as SalesforceFieldIssue[]) : [];
}
