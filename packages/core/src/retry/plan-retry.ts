import type { RequestContext } from '../pipeline/context.js';
import { fullJitterDelay } from './backoff.js';
import { classifyFailure } from './classify-failure.js';
import type { ResolvedRetryPolicy } from './resolve-retry-policy.js';
import { safeToRepeat } from './safe-to-repeat.js';

/** What to do after a failed attempt that will be retried. */
export interface RetryPlan {
  reason: string;
  delayMs: number;
}

/** Where the call stands when an attempt fails. */
export interface RetryState {
  /** The attempt that failed, 1-based. */
  attempt: number;
  /** Time spent on this call so far, attempts and waits included. */
  elapsedMs: number;
}

/**
 * Decides whether a failed attempt is tried again, and after how long;
 * undefined means stop and throw the error as it is. In order: the default
 * class, the connector's (or caller's) `decide`, the side-effect rule, the
 * wait (the longer of the rule's and the provider's, else jittered backoff),
 * the per-wait cap and the budget.
 */
export function planRetry(error: unknown, ctx: RequestContext, policy: ResolvedRetryPolicy, state: RetryState): RetryPlan | undefined {
  const base = classifyFailure(error);
  const custom = policy.decide(error, ctx);
  if (!(custom?.retry ?? base.retryable)) return undefined;
  if (!safeToRepeat(ctx, error, policy)) return undefined;

  // The provider's wait is a floor: a rule may wait longer, never come back sooner.
  const asked = maxDefined(custom?.delayMs, base.waitMs);
  // Coming back before the provider allows only earns another refusal: stop, and let the error say when.
  if (asked !== undefined && asked > policy.maxDelayMs) return undefined;
  const delayMs = asked ?? fullJitterDelay(state.attempt - 1, policy.minDelayMs, policy.maxDelayMs);
  if (state.elapsedMs + delayMs > policy.budgetMs) return undefined;
  return { reason: custom?.reason ?? base.reason, delayMs };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}
