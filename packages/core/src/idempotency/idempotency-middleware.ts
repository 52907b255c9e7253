import { ConfigurationError } from '../errors/configuration-error.js';
import type { Middleware, RequestContext } from '../pipeline/context.js';
import { summarize } from '../pipeline/request-summary.js';
import type { IdempotencyPolicy } from './idempotency-policy.js';
import { type ResolvedIdempotencyPolicy, resolveIdempotencyPolicy } from './resolve-idempotency-policy.js';

/**
 * The idempotency layer, outermost so the key is fixed before the first
 * attempt: one key per logical operation (the caller's, else derived from
 * the input, else a random UUID for side effects), sent unchanged on every
 * retry. Keys exist only where the provider declared how it takes them (a
 * header, or the connector's `apply`): the retry layer repeats a side effect
 * on the strength of `ctx.idempotencyKey`, so a key the provider ignores
 * would repeat it for nothing.
 *
 * @param clientPolicy the client's settings, merged over the connector's.
 */
export function idempotencyMiddleware(clientPolicy?: IdempotencyPolicy): Middleware {
  // Merged once per connector: neither level changes between calls.
  const resolved = new WeakMap<object, ResolvedIdempotencyPolicy>();
  const keyed = (ctx: RequestContext): RequestContext => {
    let policy = resolved.get(ctx.connector);
    if (!policy) {
      policy = resolveIdempotencyPolicy(ctx.connector.idempotency, clientPolicy);
      resolved.set(ctx.connector, policy);
    }
    if (!policy.header && !policy.apply) {
      if (ctx.idempotencyKey !== undefined) throw undeliverableKey(ctx);
      return ctx;
    }
    const key = chooseKey(ctx, policy);
    if (key === undefined) return ctx;
    if (policy.header) ctx.headers.set(policy.header, key);
    policy.apply?.(ctx, key);
    ctx.idempotencyKey = key;
    return ctx;
  };
  // Not an async function: it would add a promise and its ticks to every call for a layer that never waits.
  return function idempotency(ctx, next) {
    try {
      return next(keyed(ctx));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

// The caller's key (option or header) wins; otherwise only side effects get one.
function chooseKey(ctx: RequestContext, policy: ResolvedIdempotencyPolicy): string | undefined {
  const given = ctx.idempotencyKey ?? (policy.header ? ctx.headers.get(policy.header) : null);
  if (given) return given;
  if (ctx.idempotent && !policy.methods.includes(ctx.method)) return undefined;
  return policy.key?.(ctx.input) || globalThis.crypto.randomUUID();
}

// Dropping the key silently would leave the caller believing the write is protected.
function undeliverableKey(ctx: RequestContext): ConfigurationError {
  const request = summarize(ctx);
  const call = ctx.operation ? `${ctx.connector.name}.${ctx.operation}` : `${ctx.connector.name} ${request.method} ${request.url}`;
  return new ConfigurationError(
    `${call} was given an idempotencyKey, but the ${ctx.connector.name} connector declares no way to send one, so the provider would never see it. Nothing was sent. If the provider honours keys, declare how it takes them on the connector or the client (idempotency: { header: 'Idempotency-Key' }, or an apply(ctx, key) that puts it in the body); otherwise drop the idempotencyKey option.`,
    { request },
  );
}
