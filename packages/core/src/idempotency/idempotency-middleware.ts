import type { Middleware, RequestContext } from '../pipeline/context.js';
import type { IdempotencyPolicy } from './idempotency-policy.js';
import { type ResolvedIdempotencyPolicy, resolveIdempotencyPolicy } from './resolve-idempotency-policy.js';

/**
 * The idempotency layer, outermost so the key is fixed before the first
 * attempt: one key per logical operation (the caller's, else derived from
 * the input, else a random UUID for side effects), sent unchanged on every
 * retry. The key is left on `ctx.idempotencyKey` only when the provider
 * actually receives it (a header, or the connector's `apply`), since the
 * retry layer repeats a side effect on the strength of it.
 *
 * @param clientPolicy the client's settings, merged over the connector's.
 */
export function idempotencyMiddleware(clientPolicy?: IdempotencyPolicy): Middleware {
  // Merged once per connector: neither level changes between calls.
  const resolved = new WeakMap<object, ResolvedIdempotencyPolicy>();
  return async function idempotency(ctx, next) {
    let policy = resolved.get(ctx.connector);
    if (!policy) {
      policy = resolveIdempotencyPolicy(ctx.connector.idempotency, clientPolicy);
      resolved.set(ctx.connector, policy);
    }
    const key = chooseKey(ctx, policy);
    if (key === undefined) return next(ctx);
    if (policy.header) ctx.headers.set(policy.header, key);
    policy.apply?.(ctx, key);
    if (policy.header || policy.apply) ctx.idempotencyKey = key;
    else delete ctx.idempotencyKey;
    return next(ctx);
  };
}

// The caller's key (option or header) wins; otherwise only side effects get one.
function chooseKey(ctx: RequestContext, policy: ResolvedIdempotencyPolicy): string | undefined {
  const given = ctx.idempotencyKey ?? (policy.header ? ctx.headers.get(policy.header) : null);
  if (given) return given;
  if (ctx.idempotent && !policy.methods.includes(ctx.method)) return undefined;
  return policy.key?.(ctx.input) || globalThis.crypto.randomUUID();
}
