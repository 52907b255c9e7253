/** Options for one call through the unified interface. */
export interface RequestOptions {
  /** Cancels the call, including waits between retries and further pages. */
  signal?: AbortSignal;
  /**
   * The key that makes a side effect happen once however often it is sent.
   * Give one per logical operation (e.g. derived from your order id) to be
   * safe across restarts; without one, each call gets a fresh key that its
   * own retries reuse.
   */
  idempotencyKey?: string;
  /** Time allowed for each attempt to receive response headers. */
  timeoutMs?: number;
}
