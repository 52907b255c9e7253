import { ApiError, type CallOptions } from '@junction/core';
import { type CrmBatchResult, type CrmItemError, failedItem } from '../unified/crm-batch.js';
import type { HubspotBatchItemError, HubspotBatchOutcome } from './hubspot-batch.js';
import type { HubspotBatchError } from './hubspot-schemas.js';

/** A HubSpot per-item error as a unified one, naming the field when HubSpot does. */
export function itemError(error: HubspotBatchError): CrmItemError {
  const field = error.errors?.find((detail) => detail.in)?.in ?? error.context?.propertyName?.[0];
  return {
    message: error.message ?? 'HubSpot refused this item.',
    ...(error.category ? { code: error.category } : {}),
    ...(field ? { field } : {}),
  };
}

const STATUS: Record<string, number> = { CONFLICT: 409, OBJECT_NOT_FOUND: 404, RATE_LIMITS: 429 };

/** A per-item error thrown from a single-record call made through a batch endpoint (an upsert). */
export function itemApiError(error: HubspotBatchError, cause?: unknown): ApiError {
  const { message, code } = itemError(error);
  return new ApiError(`HubSpot refused the record: ${message}`, {
    status: STATUS[code ?? ''] ?? 400,
    retryable: false,
    ...(code ? { code } : {}),
    message,
    body: error,
    ...(cause ? { cause } : {}),
  });
}

/** A HubSpot batch outcome as unified results, each back at its place in the caller's list. */
export function unifiedResults<T, R>(
  outcome: HubspotBatchOutcome<T>,
  sent: readonly { index: number }[],
  toRecord: (result: T) => { record: R; created?: boolean },
): CrmBatchResult<R>[] {
  const results: CrmBatchResult<R>[] = [];
  const done = new Set<number>();
  for (const { index, result } of outcome.results) {
    const at = index === undefined ? undefined : sent[index];
    if (!at || done.has(at.index)) continue;
    done.add(at.index);
    results.push({ index: at.index, status: 'ok', ...toRecord(result) });
  }
  for (const failure of outcome.errors) results.push(...failed(failure, sent, done));
  for (const { index } of sent) {
    if (!done.has(index))
      results.push({ index, status: 'failed', error: { message: 'HubSpot answered the batch without this item.', code: 'MISSING' } });
  }
  return results;
}

function failed(failure: HubspotBatchItemError, sent: readonly { index: number }[], done: Set<number>): CrmBatchResult<never>[] {
  const at = failure.index === undefined ? undefined : sent[failure.index];
  if (!at || done.has(at.index)) return [];
  done.add(at.index);
  return failure.cause === undefined
    ? [{ index: at.index, status: 'failed', error: itemError(failure.error) }]
    : [failedItem(at.index, failure.cause)];
}

/** Call options from unified ones. */
export function callOptionsOf(options: { signal?: AbortSignal } | undefined): CallOptions {
  return options?.signal ? { signal: options.signal } : {};
}
