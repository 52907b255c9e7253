import type { RetryPolicy } from '../retry/retry-policy.js';

/** Options for one call, given after the input: `client.createTask(input, { signal })`. */
export interface CallOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
  /** Time allowed for each attempt, until the last byte of the body; `false` for none. Overrides the client's. */
  timeoutMs?: number | false;
  /**
   * Time allowed for the whole call: every attempt and every wait between
   * them (retries, rate limits). Past it the call rejects with a
   * `TimeoutError` whose `scope` is `call`. Overrides the client's.
   */
  deadlineMs?: number;
  /** The largest response body accepted, in bytes; `false` for no limit. Overrides the operation's and the client's. */
  maxResponseBytes?: number | false;
  /** Headers for this call; they replace the client's, operation's and connector's of the same name, whatever the case. */
  headers?: Record<string, string>;
  /**
   * The idempotency key for this logical operation; generated when absent and the call is a side effect.
   * Only for a connector (or client) that declares how the provider takes keys: otherwise the call
   * throws a `ConfigurationError` before sending anything.
   */
  idempotencyKey?: string;
  /**
   * Overrides the operation's `idempotent` for this call. `true` when you know sending it twice has
   * the effect of once (the provider dedupes it, it is an upsert), so it may be retried after any
   * retryable failure; `false` to treat a GET or PUT as a side effect that is never repeated on a guess.
   */
  idempotent?: boolean;
  /** Retry settings for this call; `false` turns retrying off. */
  retry?: RetryPolicy | false;
}
