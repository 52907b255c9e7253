import type { ApiError } from '@junction/core';

/** The error a call rejects with; a call that succeeds fails the test. */
export function fail(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error as ApiError,
  );
}
