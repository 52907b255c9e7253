import { isNetworkError } from '../errors/network-error.js';
import type { RequestContext } from '../pipeline/context.js';
import { wasNotSent } from '../pipeline/not-sent.js';

/**
 * True when sending the request again cannot do a side effect twice: the
 * operation is idempotent, it carries an idempotency key the provider
 * dedupes on, or the failure proves the request never left (connection
 * refused, DNS, or credentials could not be fetched). Retrying a POST on a
 * 5xx without a key creates duplicates.
 */
export function safeToRepeat(ctx: RequestContext, error: unknown): boolean {
  if (ctx.idempotent) return true;
  if (ctx.idempotencyKey !== undefined) return true;
  return wasNotSent(error) || (isNetworkError(error) && !error.requestSent);
}
