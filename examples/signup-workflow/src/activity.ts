import type { ClientBase } from '@junction/core';

/** A retry a client made, and why. */
export interface RetryRecord {
  step: string;
  connector: string;
  operation: string;
  /** The client's reason, e.g. `server_error: 503`, `network: ECONNRESET`, `rate_limited: retry-after 1s`. */
  reason: string;
  delayMs: number;
}

/** A pause the rate limiter took after a provider's 429. */
export interface RateLimitWait {
  step: string;
  connector: string;
  waitMs: number;
  reason: string;
}

/**
 * What the clients went through, by step: listens to every client's `retry`
 * and `rateLimited` events and files each under the step running then (the
 * steps run one at a time), and tells `onLine` so the live view shows it.
 */
export class Activity {
  readonly retries: RetryRecord[] = [];
  readonly waits: RateLimitWait[] = [];
  step = 'setup';
  #onLine: (line: string) => void = () => {};

  /** Where the lines for the current step go (the running task's output). */
  tell(onLine: (line: string) => void): void {
    this.#onLine = onLine;
  }

  /** Listens to a client's events. Their URLs and errors are already redacted by the core. */
  watch(client: Pick<ClientBase<never>, 'on'>): void {
    client.on('retry', (e) => {
      this.retries.push({
        step: this.step,
        connector: e.connector,
        operation: e.operation ?? e.method,
        reason: e.reason,
        delayMs: e.delayMs,
      });
      this.#onLine(`retry #${e.attempt} of ${e.connector}.${e.operation ?? e.method}: ${e.reason}, next in ${Math.round(e.delayMs)} ms`);
    });
    client.on('rateLimited', (e) => {
      this.waits.push({ step: this.step, connector: e.connector, waitMs: e.waitMs, reason: e.reason });
      this.#onLine(`rate limit: ${e.connector} paused ${Math.round(e.waitMs)} ms (${e.reason})`);
    });
  }

  /** The retries and waits of one step. */
  of(step: string): { retries: RetryRecord[]; waits: RateLimitWait[] } {
    return { retries: this.retries.filter((r) => r.step === step), waits: this.waits.filter((w) => w.step === step) };
  }
}
