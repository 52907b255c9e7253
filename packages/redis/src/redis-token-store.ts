import type { TokenSet, TokenStore } from '@junction/core';
import type { RedisStoreOptions } from './redis-client.js';
import { command, DEFAULT_COMMAND_TIMEOUT_MS } from './redis-command.js';
import { RedisStoreError } from './redis-errors.js';
import { checkMs, checkPrefix, redisKey } from './redis-keys.js';
import { withRedisLock } from './redis-lock.js';

/** Options for {@link createRedisTokenStore}. */
export interface RedisTokenStoreOptions extends RedisStoreOptions {
  /**
   * The refresh lock's time to live: how long a process that died while
   * renewing blocks the others. The holder renews it every third of it while
   * it runs. Default 10 000 ms.
   */
  lockTtlMs?: number;
  /**
   * How long a process waits for the lock another one holds before failing
   * with a `RedisStoreError` (`lock_timeout`). Longer than a renewal takes
   * (core's token request timeout, 30 s by default). Default 45 000 ms.
   */
  lockWaitMs?: number;
  /**
   * How long a record without a refresh token is kept after its access token
   * expires (it is useless after that). Default 300 000 ms (5 minutes).
   */
  expiryMarginMs?: number;
  /**
   * How long a record with a refresh token is kept after each write: the
   * refresh token's lifetime at your provider, if it has one. Default: no
   * expiry, because losing a refresh token means the user must authorize again.
   */
  refreshTokenTtlMs?: number;
  /** Told about failures that do not fail a call (a lock renewal or release that could not be sent). */
  onError?: (error: RedisStoreError) => void;
}

/**
 * A {@link TokenStore} in Redis, shared by every process that uses the same
 * client address and prefix. Records are JSON under `<prefix>token:<key>`.
 * Its `lock` lets one process renew while the others wait and re-read what
 * it saved: `SET <prefix>token-lock:<key> <random> NX PX lockTtlMs`, renewed
 * while held and released by a script that checks the holder's token, so a
 * holder that dies frees it within `lockTtlMs`.
 *
 * `set` resolves once Redis has acknowledged the write, before the new access
 * token is used; make Redis keep it (AOF, see docs/redis.md), since a
 * rotated refresh token exists nowhere else.
 */
export function createRedisTokenStore(options: RedisTokenStoreOptions): TokenStore {
  const { client } = options;
  const prefix = checkPrefix(options.prefix);
  const timeoutMs = checkMs('commandTimeoutMs', options.commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS);
  const lockTtlMs = checkMs('lockTtlMs', options.lockTtlMs, 10_000);
  const lockWaitMs = checkMs('lockWaitMs', options.lockWaitMs, 45_000);
  const marginMs = checkMs('expiryMarginMs', options.expiryMarginMs, 300_000);
  const refreshTtlMs = options.refreshTokenTtlMs === undefined ? undefined : checkMs('refreshTokenTtlMs', options.refreshTokenTtlMs, 1);

  return {
    async get(key) {
      const raw = await command('tokens.get', timeoutMs, () => client.get(redisKey(prefix, 'token', key)));
      return raw === null ? undefined : parseTokens(raw, redisKey(prefix, 'token', key));
    },
    async set(key, tokens) {
      const at = redisKey(prefix, 'token', key);
      const value = JSON.stringify(tokens);
      const ttl = recordTtlMs(tokens, Date.now(), marginMs, refreshTtlMs);
      await command('tokens.set', timeoutMs, () => (ttl === undefined ? client.set(at, value) : client.set(at, value, 'PX', ttl)));
    },
    lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      return withRedisLock(
        {
          client,
          key: redisKey(prefix, 'token-lock', key),
          ttlMs: lockTtlMs,
          waitMs: lockWaitMs,
          commandTimeoutMs: timeoutMs,
          ...(options.onError ? { onError: options.onError } : {}),
        },
        fn,
      );
    },
  };
}

/**
 * How long a token record is kept: with a refresh token, `refreshTtlMs` (none
 * by default); without one, until the access token expires plus the margin;
 * with no known expiry, forever.
 */
export function recordTtlMs(tokens: TokenSet, now: number, marginMs: number, refreshTtlMs: number | undefined): number | undefined {
  if (tokens.refreshToken !== undefined) return refreshTtlMs;
  if (tokens.expiresAt === undefined) return undefined;
  return Math.max(0, Math.ceil(tokens.expiresAt - now)) + marginMs;
}

function parseTokens(raw: string, at: string): TokenSet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const tokens = parsed as Partial<TokenSet> | undefined;
  if (typeof tokens?.accessToken !== 'string' || typeof tokens.tokenType !== 'string') {
    throw new RedisStoreError(`The value at ${at} is not a token set this store wrote. Is another program using keys under this prefix?`, {
      operation: 'tokens.get',
      failure: 'data',
    });
  }
  return tokens as TokenSet;
}
