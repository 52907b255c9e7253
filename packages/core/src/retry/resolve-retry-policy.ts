import { ConfigurationError } from '../errors/configuration-error.js';
import type { JunctionResponse, RequestContext } from '../pipeline/context.js';
import type { RetryDecision, RetryPolicy } from './retry-policy.js';

/** The numbers used when no level sets them. */
export const RETRY_DEFAULTS = { retries: 4, minDelayMs: 500, maxDelayMs: 30_000, budgetMs: 60_000 } as const;

/** A retry policy with every number filled in and the rules of all levels combined. */
export interface ResolvedRetryPolicy {
  readonly retries: number;
  readonly minDelayMs: number;
  readonly maxDelayMs: number;
  readonly budgetMs: number;
  /** The most specific level's decision, or undefined when no level has one. */
  decide(error: unknown, ctx: RequestContext): RetryDecision | undefined;
  /** True when any level's `notProcessed` says the failure proves the request was not acted on. */
  notProcessed(error: unknown, ctx: RequestContext): boolean;
  /** The most specific level's verdict on a response, or undefined when every level accepts it. */
  inspect(response: JunctionResponse, ctx: RequestContext): Error | undefined;
}

/**
 * Merges retry settings, least specific first (connector, client, call).
 * `false` turns retrying off at that level (as `retries: 0`); a more specific
 * level may turn it back on. Rules (`decide`, `notProcessed`, `inspect`) are kept from every
 * level, so a user's rule adds to the connector's instead of replacing it.
 */
export function resolveRetryPolicy(...levels: (RetryPolicy | false | undefined)[]): ResolvedRetryPolicy {
  const policies = levels.map((level) => (level === false ? { retries: 0 } : (level ?? {})));
  const pick = (name: keyof typeof RETRY_DEFAULTS): number => {
    let value: number = RETRY_DEFAULTS[name];
    for (const policy of policies) value = policy[name] ?? value;
    if (!(value >= 0) || (name === 'retries' && !Number.isInteger(value) && value !== Number.POSITIVE_INFINITY)) {
      throw new ConfigurationError(`retry.${name} must be a non-negative ${name === 'retries' ? 'integer' : 'number'}; got ${value}.`);
    }
    return value;
  };
  const specificFirst = [...policies].reverse();
  return {
    retries: pick('retries'),
    minDelayMs: pick('minDelayMs'),
    maxDelayMs: pick('maxDelayMs'),
    budgetMs: pick('budgetMs'),
    decide(error, ctx) {
      for (const policy of specificFirst) {
        const decision = policy.decide?.(error, ctx);
        if (decision !== undefined) return decision;
      }
      return undefined;
    },
    notProcessed(error, ctx) {
      return policies.some((policy) => policy.notProcessed?.(error, ctx) === true);
    },
    inspect(response, ctx) {
      for (const policy of specificFirst) {
        const error = policy.inspect?.(response, ctx);
        if (error !== undefined) return error;
      }
      return undefined;
    },
  };
}

/**
 * The policy for each call of one client: the connector and client levels
 * are merged once per connector, and again only for a call that brings its
 * own retry settings.
 */
export function retryPolicyResolver(clientRetry: RetryPolicy | false | undefined): (ctx: RequestContext) => ResolvedRetryPolicy {
  const base = new WeakMap<object, ResolvedRetryPolicy>();
  return (ctx) => {
    if (ctx.options.retry !== undefined) return resolveRetryPolicy(ctx.connector.retry, clientRetry, ctx.options.retry);
    let policy = base.get(ctx.connector);
    if (!policy) {
      policy = resolveRetryPolicy(ctx.connector.retry, clientRetry);
      base.set(ctx.connector, policy);
    }
    return policy;
  };
}
