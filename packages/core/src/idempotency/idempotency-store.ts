/** Options for one {@link IdempotencyStore.once} call. */
export interface OnceOptions {
  /** How long a successful outcome is kept; default: the store's. */
  ttlMs?: number;
}

/**
 * Remembers the outcome of work done under a key, so it is done once: a
 * webhook redelivered, a job run twice. Async and small, so a shared
 * implementation (Redis) can take the in-memory one's place; outcomes kept
 * by a shared store must survive JSON.
 */
export interface IdempotencyStore {
  /**
   * Runs `fn` for `key` once and gives its result to every caller within
   * the TTL, including callers that arrive while it runs (they await the same
   * run). A failure is not kept: callers waiting on that run get the error,
   * and the next caller runs `fn` again.
   */
  once<T>(key: string, fn: () => Promise<T>, options?: OnceOptions): Promise<T>;
}
