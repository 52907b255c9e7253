import type { RateLimitPolicy } from './rate-limit-policy.js';
import type { RateLimiter } from './rate-limiter.js';
import { createLimiter } from './sliding-log-limiter.js';

/**
 * Rate-limit buckets shared by key between clients that use the same
 * account. Made by the user with {@link createLimiterRegistry} and passed to
 * each client (`{ rateLimit: { key }, limiters }`), so nothing is shared
 * through module state.
 */
export interface LimiterRegistry {
  /**
   * The limiter for `key`, made from `policy` the first time the key is
   * asked for; later callers share that one, whatever policy they pass.
   */
  get(key: string, policy: RateLimitPolicy): RateLimiter;
  /** Stops every limiter made so far and forgets them. */
  stop(): Promise<void>;
}

/** Options for {@link createLimiterRegistry}. */
export interface LimiterRegistryOptions {
  /** Makes the limiter for a new key; default: core's in-process limiter (`createLimiter`). Plug a distributed one in here. */
  create?(key: string, policy: RateLimitPolicy): RateLimiter;
}

/** Creates a registry of shared rate-limit buckets. */
export function createLimiterRegistry(options: LimiterRegistryOptions = {}): LimiterRegistry {
  const limiters = new Map<string, RateLimiter>();
  const create = options.create ?? ((key, policy) => createLimiter(policy, { name: `rate limiter "${key}"` }));
  return {
    get(key, policy) {
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = create(key, policy);
        limiters.set(key, limiter);
      }
      return limiter;
    },
    async stop() {
      const all = [...limiters.values()];
      limiters.clear();
      await Promise.all(all.map((limiter) => limiter.stop()));
    },
  };
}
