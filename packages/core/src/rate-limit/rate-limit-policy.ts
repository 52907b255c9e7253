/**
 * A provider's or user's limits for one client (or one shared bucket).
 * With neither `requests` nor `maxConcurrent` set, the limiter does not
 * throttle at all; a provider's 429 still pauses it.
 */
export interface RateLimitPolicy {
  /** Requests allowed per `intervalMs` (a fixed window). Unset: no rate. */
  requests?: number;
  /** The interval `requests` refers to. Default 1000 ms. */
  intervalMs?: number;
  /** Requests in flight at once. Unset: no bound. */
  maxConcurrent?: number;
  /** Calls that may wait for a slot; the next one fails at once with a RateLimitError. Default 10,000. */
  maxQueued?: number;
  /** The longest a call may wait for a slot before it fails with a RateLimitError. Default 60 s. */
  maxWaitMs?: number;
}
