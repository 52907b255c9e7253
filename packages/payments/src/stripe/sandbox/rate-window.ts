/** When the sandbox answers 429, as Stripe does past its limits. */
export interface SandboxRateLimit {
  /** Requests allowed per window. */
  requests: number;
  /** The window. Default 1000 ms. */
  intervalMs?: number;
  /**
   * Sent as `Retry-After` on the 429 when set. Stripe itself sends none
   * (clients back off on their own); set it to test a client that honours it.
   */
  retryAfterSeconds?: number;
}

/** A fixed-window request counter. */
export class RateWindow {
  readonly #limit: SandboxRateLimit;
  readonly #nowMs: () => number;
  #windowStart = 0;
  #count = 0;

  constructor(limit: SandboxRateLimit, nowMs: () => number) {
    this.#limit = limit;
    this.#nowMs = nowMs;
  }

  /** Counts one request; false when it is over the limit. */
  take(): boolean {
    const now = this.#nowMs();
    if (now - this.#windowStart >= (this.#limit.intervalMs ?? 1000)) {
      this.#windowStart = now;
      this.#count = 0;
    }
    this.#count += 1;
    return this.#count <= this.#limit.requests;
  }
}
