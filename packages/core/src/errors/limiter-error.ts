import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from './junction-error.js';

/**
 * Why the local limiter refused a call: too many already waiting, the call
 * could not start within its max wait, the bucket is paused for longer than
 * the call may wait, or the limiter was stopped.
 */
export type LimiterRefusal = 'queue_full' | 'max_wait' | 'paused' | 'stopped';

/** Options for {@link LimiterError}. */
export interface LimiterErrorOptions extends JunctionErrorOptions {
  reason: LimiterRefusal;
  /** How long until the bucket's pause ends, when it is paused. */
  retryAfterMs?: number;
}

/**
 * The client's own rate limiter refused a call: nothing was sent. Not an
 * `ApiError` (the provider said nothing) and never retried: the call already
 * waited as long as it was allowed. Put the job back in your own queue, for
 * after `resetAt` when it is set.
 */
export class LimiterError extends JunctionError {
  readonly reason: LimiterRefusal;
  /** How long until the bucket's pause ends, in milliseconds from when the error was made. */
  readonly retryAfterMs?: number;
  /** When the bucket's pause ends. */
  readonly resetAt?: Date;
  readonly retryable = false;

  constructor(message: string, options: LimiterErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    if (options.retryAfterMs !== undefined) {
      this.retryAfterMs = options.retryAfterMs;
      this.resetAt = new Date(Date.now() + options.retryAfterMs);
    }
    brand(this, 'LimiterError');
  }
}

/** True when `value` is a {@link LimiterError}. */
export function isLimiterError(value: unknown): value is LimiterError {
  return hasBrand(value, 'LimiterError');
}
