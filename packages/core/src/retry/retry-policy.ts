import type { JunctionResponse, RequestContext } from '../pipeline/context.js';

/** A connector's or caller's verdict on one failure; omitted fields fall back to the defaults. */
export interface RetryDecision {
  /** Try again? */
  retry?: boolean;
  /** Why, for the `retry` event and logs, e.g. `rate_limited: policy TEN_SECONDLY_ROLLING`. */
  reason?: string;
  /** How long to wait before the next attempt. */
  delayMs?: number;
}

/**
 * How a client retries. Every field is optional: a connector sets its
 * provider's rules, a user overrides them per client or per call.
 */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. Default 4. */
  retries?: number;
  /** The first backoff wait when the provider names none; it doubles each time, with full jitter. Default 500 ms. */
  minDelayMs?: number;
  /** The longest single wait, even when the provider asks for more. Default 30 s. */
  maxDelayMs?: number;
  /** The total time for all attempts and waits of one call. Default 60 s. */
  budgetMs?: number;
  /**
   * The provider's own rules (e.g. Stripe's `Stripe-Should-Retry`, HubSpot's
   * `policyName`). Called for every failed attempt; return undefined to keep
   * the default decision.
   */
  decide?(error: unknown, ctx: RequestContext): RetryDecision | undefined;
  /**
   * Turns a successful response into an error to be retried (e.g. a rate
   * limit reported inside a 200 body). Return undefined to accept it.
   */
  inspect?(response: JunctionResponse, ctx: RequestContext): Error | undefined;
}
