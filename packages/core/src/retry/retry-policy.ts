import type { JunctionResponse, RequestContext } from '../pipeline/context.js';

/** A connector's or caller's verdict on one failure; omitted fields fall back to the defaults. */
export interface RetryDecision {
  /**
   * Try again? A side effect (POST, PATCH, an operation not declared
   * idempotent) without an idempotency key is still repeated only when the
   * failure proves it was not processed, whatever this says; declare the call
   * `idempotent: true` if you know it is safe.
   */
  retry?: boolean;
  /** Why, for the `retry` event and logs, e.g. `rate_limited: policy TEN_SECONDLY_ROLLING`. */
  reason?: string;
  /**
   * How long to wait before the next attempt. The provider's own wait
   * (Retry-After, a reset header) is a floor: a shorter `delayMs` is raised to it.
   */
  delayMs?: number;
}

/**
 * How a client retries. Every field is optional: a connector sets its
 * provider's rules, a user overrides them per client or per call
 * (defaults ← connector ← client ← call).
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. Default 4. */
  retries?: number;
  /** The first backoff wait when the provider names none; it doubles each time, with full jitter. Default 500 ms. */
  minDelayMs?: number;
  /**
   * The longest single wait. Backoff is capped at it; when the provider asks
   * for longer (Retry-After), the call stops with the provider's error, which
   * carries `retryAfterMs`, rather than come back before it is allowed. Default 30 s.
   */
  maxDelayMs?: number;
  /**
   * The total time for all attempts and waits of one call. A wait that would
   * end past it is not started: the call stops with the last error. Default 60 s.
   */
  budgetMs?: number;
  /**
   * The provider's own rules (e.g. Stripe's `Stripe-Should-Retry`, HubSpot's
   * `policyName`). Called for every failed attempt; return undefined to keep
   * the default decision. The most specific level that returns a decision wins.
   */
  decide?(error: unknown, ctx: RequestContext): RetryDecision | undefined;
  /**
   * True when this failure proves the provider did not act on the request
   * (e.g. a status or header it answers only before doing anything), so even
   * a side effect without an idempotency key may be sent again. Not sent,
   * refused connections and provider 429s count without it. Rules of every
   * level are asked; any `true` counts. Say `true` only for what the
   * provider documents: a wrong `true` repeats a write.
   */
  notProcessed?(error: unknown, ctx: RequestContext): boolean;
  /**
   * Turns a successful response into an error (e.g. a rate limit reported
   * inside a 200 body). Return a typed error: a `RateLimitError` (its
   * `retryAfterMs` is waited for and pauses the rate-limit bucket) or an
   * `ApiError` with `retryable: true` is retried; anything else ends the call.
   * Return undefined to accept the response. Runs on every attempt, even with
   * retrying off, so it must be free of side effects.
   */
  inspect?(response: JunctionResponse, ctx: RequestContext): Error | undefined;
}
