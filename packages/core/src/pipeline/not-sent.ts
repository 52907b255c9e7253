const NOT_SENT = Symbol.for('junction.notSent');

/**
 * Marks an error as having happened before the request left this process
 * (e.g. fetching a token failed), so even a side effect is safe to try again.
 * Returns the error for `throw markNotSent(e)`.
 */
export function markNotSent(error: unknown): unknown {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, NOT_SENT, { value: true, enumerable: false });
  }
  return error;
}

/** True when `error` was marked by {@link markNotSent}. */
export function wasNotSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[NOT_SENT] === true;
}
