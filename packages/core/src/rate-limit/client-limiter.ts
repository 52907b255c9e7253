import type { AnyConnector } from '../connector/define-connector.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { LimiterRegistry } from './limiter-registry.js';
import type { RateLimitPolicy } from './rate-limit-policy.js';
import type { RateLimiter } from './rate-limiter.js';
import { createLimiter } from './sliding-log-limiter.js';

/** The rate-limit part of a client's settings. */
export interface ClientRateLimitSettings {
  /** Limits merged over the connector's, and the key of a shared bucket; `false` turns the limiter off. */
  rateLimit?: (RateLimitPolicy & { key?: string }) | false;
  /** Where shared buckets live; needed when `rateLimit.key` is set. */
  limiters?: LimiterRegistry;
}

/** The limiter a client uses, with its merged policy. */
export interface ClientLimiter {
  limiter: RateLimiter;
  policy: RateLimitPolicy;
}

/**
 * Picks a client's limiter: none when turned off, a shared one from the
 * registry when the settings name a key (scoped by connector, so the same
 * account id at two providers is two buckets), else one of its own.
 */
export function clientLimiter(connector: AnyConnector, settings: ClientRateLimitSettings): ClientLimiter | undefined {
  if (settings.rateLimit === false) return undefined;
  const { key, ...overrides } = settings.rateLimit ?? {};
  for (const field of ['signals', 'budget'] as const) {
    if (overrides[field] !== undefined) {
      throw new ConfigurationError(
        `The ${connector.name} client sets rateLimit.${field}, which only a connector declares (it describes the provider's answers): set it in defineConnector({ rateLimit: { ${field} } }).`,
      );
    }
  }
  const policy: RateLimitPolicy = { ...connector.rateLimit, ...definedOnly(overrides) };
  if (key === undefined) return { limiter: createLimiter(policy, { name: `${connector.name} rate limiter` }), policy };
  if (!settings.limiters) {
    throw new ConfigurationError(
      `The ${connector.name} client sets rateLimit.key "${key}" but no registry to share it through: create one with createLimiterRegistry() and pass it as { limiters } to every client of that account.`,
    );
  }
  return { limiter: settings.limiters.get(`${connector.name}:${key}`, policy), policy };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
