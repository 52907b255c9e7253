import { ConfigurationError } from '@junction/core';

/** The default key prefix. */
export const DEFAULT_PREFIX = 'junction:';

/**
 * Where each store keeps its records: `<prefix><kind>:<key>`. Kinds:
 * `token` (a token set), `token-lock` (the refresh lock of a token key),
 * `once` (an idempotency record), `cursor` (a poll checkpoint), `limit` (a
 * rate-limit bucket's keys).
 */
export function redisKey(prefix: string, kind: 'token' | 'token-lock' | 'once' | 'cursor' | 'limit', key: string): string {
  return `${prefix}${kind}:${key}`;
}

/** The prefix to use, checked: a string, `DEFAULT_PREFIX` when absent. */
export function checkPrefix(prefix: string | undefined): string {
  if (prefix === undefined) return DEFAULT_PREFIX;
  if (typeof prefix !== 'string')
    throw new ConfigurationError(`A Redis store's prefix must be a string such as 'myapp:'; got ${typeof prefix}.`);
  return prefix;
}

/** Checks that a duration option is a positive number of milliseconds. */
export function checkMs(name: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback;
  if (!(typeof ms === 'number' && Number.isFinite(ms) && ms > 0)) {
    throw new ConfigurationError(`A Redis store's ${name} must be a positive number of milliseconds; got ${String(value)}.`);
  }
  return Math.ceil(ms);
}
