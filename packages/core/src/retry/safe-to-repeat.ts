import { isNetworkError } from '../errors/network-error.js';
import { isRateLimitError } from '../errors/rate-limit-error.js';
import type { RequestContext } from '../pipeline/context.js';
import { wasNotSent } from '../pipeline/not-sent.js';
import type { ResolvedRetryPolicy } from './resolve-retry-policy.js';

/**
 * True when sending the request again cannot do a side effect twice: the
 * call is idempotent (by method, or declared so by the operation or the
 * call), it carries an idempotency key the provider declared it honours, or
 * the failure proves the request was not processed. A write retried on a
 * guess (a 5xx, a reset after the send) creates duplicates at every
 * provider that ignores keys.
 */
export function safeToRepeat(ctx: RequestContext, error: unknown, policy: ResolvedRetryPolicy): boolean {
  if (ctx.idempotent) return true;
  if (ctx.idempotencyKey !== undefined) return true;
  return provedNotProcessed(error, ctx, policy);
}

// Never sent (refused, DNS, credentials not obtained), refused by the provider's
// rate limit, or what the connector documents as answered before any work.
function provedNotProcessed(error: unknown, ctx: RequestContext, policy: ResolvedRetryPolicy): boolean {
  if (wasNotSent(error)) return true;
  if (isNetworkError(error) && !error.requestSent) return true;
  if (isRateLimitError(error)) return true;
  return policy.notProcessed(error, ctx);
}
