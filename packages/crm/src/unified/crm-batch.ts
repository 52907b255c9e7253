import { isApiError, isInputValidationError } from '@junction/core';

/** Why one item of a batch failed. */
export interface CrmItemError {
  message: string;
  /** The provider's code, e.g. `DUPLICATE_VALUE` or HubSpot's `CONFLICT`. */
  code?: string;
  /** The field at fault, when the provider names it. */
  field?: string;
}

/**
 * What became of one item of a batch, by its place in your list: a partial
 * failure is reported item by item, never thrown for the lot.
 */
export type CrmBatchResult<T> =
  | { index: number; status: 'ok'; record: T /** For upserts: true when the record was new. */; created?: boolean }
  | { index: number; status: 'failed'; error: CrmItemError; cause?: unknown };

/** Splits `items` into lists of at most `size`, keeping each item's place. */
export function chunked<T>(items: readonly T[], size: number): { start: number; items: T[] }[] {
  const chunks: { start: number; items: T[] }[] = [];
  for (let start = 0; start < items.length; start += size) chunks.push({ start, items: items.slice(start, start + size) });
  return chunks;
}

/** A failed result for item `index` from a thrown error (a whole chunk refused, a network failure). */
export function failedItem(index: number, error: unknown): CrmBatchResult<never> {
  const message = error instanceof Error ? error.message : String(error);
  const code = isApiError(error) ? error.code : undefined;
  return { index, status: 'failed', error: { message, ...(code ? { code } : {}) }, cause: error };
}

/** The results in the order of the items. */
export function byIndex<T>(results: readonly CrmBatchResult<T>[]): CrmBatchResult<T>[] {
  return [...results].sort((a, b) => a.index - b.index);
}

/** Inputs checked one by one: the ones to send (with their place in the caller's list), the ones refused already. */
export interface CheckedItems<T> {
  send: { index: number; item: T }[];
  refused: CrmBatchResult<never>[];
}

/** Checks each input on its own, so one bad item is refused without stopping the others. */
export function checkEach<I, T>(inputs: readonly I[], check: (input: I, index: number) => T): CheckedItems<T> {
  const checked: CheckedItems<T> = { send: [], refused: [] };
  inputs.forEach((input, index) => {
    try {
      checked.send.push({ index, item: check(input, index) });
    } catch (error) {
      if (!isInputValidationError(error)) throw error;
      const field = error.issues[0]?.path.join('.');
      checked.refused.push({
        index,
        status: 'failed',
        error: { message: error.message, code: 'INVALID_INPUT', ...(field ? { field } : {}) },
        cause: error,
      });
    }
  });
  return checked;
}
