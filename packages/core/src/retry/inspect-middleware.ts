import type { Middleware } from '../pipeline/context.js';
import { retryPolicyResolver } from './resolve-retry-policy.js';
import type { RetryPolicy } from './retry-policy.js';

/**
 * Applies the retry policies' `inspect` to every response, throwing the
 * error it returns (a rate limit reported in a 200 body, say). It runs
 * inside the rate limiter, so a rate limit found this way pauses the bucket
 * exactly like a 429 does, and the retry layer sees it as any other failure.
 *
 * @param clientRetry the client's retry settings, merged like the retry layer's.
 */
export function inspectMiddleware(clientRetry?: RetryPolicy | false): Middleware {
  const policyFor = retryPolicyResolver(clientRetry);
  return async function inspect(ctx, next) {
    const response = await next(ctx);
    const error = policyFor(ctx).inspect(response, ctx);
    if (error !== undefined) throw error;
    return response;
  };
}
