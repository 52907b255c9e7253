import type { RequestSummary } from '../errors/junction-error.js';

/** Options for one {@link RateLimiter.schedule} call. */
export interface ScheduleOptions {
  /** Cancels the wait: the call leaves the queue at once and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The longest this call may wait to start; past it, it fails with a LimiterError. */
  maxWaitMs?: number;
  /** The request being held, shown in the limiter's errors (already redacted). */
  request?: RequestSummary;
}

/**
 * One rate-limit bucket: a client's own, or one shared by every client of
 * the same account. Junction's pipeline talks only to this interface, so a
 * distributed implementation (Redis) can replace the in-process one.
 */
export interface RateLimiter {
  /**
   * Runs `job` when the bucket allows, and settles with its outcome. Rejects
   * with a LimiterError when the queue is full or the
   * job cannot start within the max wait; nothing is sent in that case.
   */
  schedule<T>(job: () => Promise<T>, options?: ScheduleOptions): Promise<T>;
  /**
   * Takes a slot at once when one is free (nobody queued, no pause, within
   * the limits) and returns the function that gives it back, to be called
   * once; undefined when the call would have to wait. Optional: without it,
   * every call goes through `schedule`. It lets a call that can start now
   * start with no promise or closure of the limiter's.
   */
  tryAcquire?(): (() => void) | undefined;
  /**
   * Holds every call of the bucket for `ms` (a provider's Retry-After),
   * including calls already queued or about to start. A longer pause wins
   * over a shorter one. Resolves once the pause is in force.
   */
  pause(ms: number): Promise<void>;
  /** Refuses new calls and fails waiting ones; calls already sent finish. */
  stop(): Promise<void>;
}
