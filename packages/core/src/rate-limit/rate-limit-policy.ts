import type { JunctionResponse } from '../pipeline/context.js';

/** The limits used when a policy leaves them out. */
export const RATE_LIMIT_DEFAULTS = { intervalMs: 1000, maxQueued: 10_000, maxWaitMs: 60_000 } as const;

/**
 * A provider's or user's limits for one client (or one shared bucket).
 * With neither `requests` nor `maxConcurrent` set, the limiter does not
 * throttle at all; a provider's limit signal still pauses it.
 */
export interface RateLimitPolicy {
  /**
   * Requests allowed in any `intervalMs` (a sliding log: a slot comes back
   * `intervalMs` after its call's answer arrived). Unset: no rate.
   */
  requests?: number;
  /** The interval `requests` refers to. Default 1000 ms. */
  intervalMs?: number;
  /** Requests in flight at once. Unset: no bound. */
  maxConcurrent?: number;
  /** Calls that may wait for a slot; the next one fails at once with a LimiterError. Default 10,000. */
  maxQueued?: number;
  /** The longest a call may wait for a slot before it fails with a LimiterError. Default 60 s. */
  maxWaitMs?: number;
  /**
   * Answers other than a 429 that mean "rate limited" (GitHub's 403, a 430,
   * a marker in a body). Each becomes a RateLimitError and pauses the bucket
   * until the provider's reset. Read from the connector's policy only.
   */
  signals?: readonly RateLimitSignal[];
  /**
   * Headers that report the budget left, so the bucket waits for the reset
   * once the budget is spent instead of spending the next call on an error.
   * Read from the connector's policy only.
   */
  budget?: RateLimitBudget;
}

/**
 * One answer a provider uses to say "rate limited". It matches when the
 * status is one of `status` and `when` (if given) holds.
 */
export interface RateLimitSignal {
  /** The status or statuses, e.g. `403`, `430`, or `200` for a limit reported in a successful body. */
  status: number | readonly number[];
  /** A further test on the answer: a header, a body marker. */
  when?(response: JunctionResponse): boolean;
  /**
   * How long to wait, in ms. Default: `retry-after`, then the `budget`'s reset
   * header, then the common reset headers.
   */
  waitMs?(response: JunctionResponse): number | undefined;
}

/** How a reset header tells when the budget comes back. */
export type ResetFormat = 'epoch-seconds' | 'epoch-ms' | 'delta-seconds' | 'delta-ms';

/** The headers a provider reports its remaining budget in, e.g. GitHub's `x-ratelimit-remaining` and `x-ratelimit-reset`. */
export interface RateLimitBudget {
  /** The header with the requests left in the current window. */
  remaining: string;
  /** The header with when the window resets. */
  reset: string;
  /** How to read `reset`: a unix time (seconds or ms) or a delay from now (seconds or ms). */
  resetFormat: ResetFormat;
  /** Wait for the reset once `remaining` is at or below this. Default 0. */
  floor?: number;
}
