import { ConfigurationError } from '../errors/configuration-error.js';
import type { RateLimitPolicy } from './rate-limit-policy.js';

type NumericField = 'requests' | 'intervalMs' | 'maxConcurrent' | 'maxQueued' | 'maxWaitMs';

/** Throws a ConfigurationError naming the first limit that is not a usable number. */
export function validatePolicy(policy: RateLimitPolicy, name: string): void {
  const checks: [NumericField, boolean][] = [
    ['requests', policy.requests === undefined || (Number.isInteger(policy.requests) && policy.requests > 0)],
    ['intervalMs', policy.intervalMs === undefined || policy.intervalMs > 0],
    ['maxConcurrent', policy.maxConcurrent === undefined || (Number.isInteger(policy.maxConcurrent) && policy.maxConcurrent > 0)],
    ['maxQueued', policy.maxQueued === undefined || (Number.isInteger(policy.maxQueued) && policy.maxQueued >= 0)],
    ['maxWaitMs', policy.maxWaitMs === undefined || policy.maxWaitMs >= 0],
  ];
  for (const [field, ok] of checks) {
    if (!ok) {
      throw new ConfigurationError(
        `${name}: rateLimit.${field} must be ${field === 'maxQueued' || field === 'maxWaitMs' ? 'zero or more' : 'a positive number'}${field === 'intervalMs' || field === 'maxWaitMs' ? '' : ' (an integer)'}; got ${String(policy[field])}.`,
      );
    }
  }
}
