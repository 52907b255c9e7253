import { randomUUID } from 'node:crypto';
import { ConfigurationError, type IdempotencyStore, type OnceOptions } from '@junction/core';
import type { RedisStoreOptions } from './redis-client.js';
import { command, DEFAULT_COMMAND_TIMEOUT_MS } from './redis-command.js';
import { isRedisStoreError, RedisStoreError, SharedRunFailedError } from './redis-errors.js';
import { checkMs, checkPrefix, redisKey } from './redis-keys.js';

/** Options for {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyStoreOptions extends RedisStoreOptions {
  /** How long a successful outcome is kept. Default 24 hours (providers redeliver webhooks for up to days; raise it to match). */
  ttlMs?: number;
  /**
   * How long a claim lives without renewal: how long a process that died
   * mid-run blocks the key. Renewed every third of it while the work runs.
   * Default 30 000 ms.
   */
  leaseMs?: number;
  /**
   * What to do when Redis cannot be asked whether the work already ran.
   * `false` (the default) fails closed: `once` rejects with a
   * `RedisStoreError` and the work does not run (a webhook answered 5xx is
   * delivered again later). `true` fails open: the work runs without
   * dedupe, and the error goes to `onError`.
   */
  failOpen?: boolean;
  /** Told about failures that do not fail the call (a renewal, the outcome's save, a release; failing open). */
  onError?: (error: RedisStoreError) => void;
}

// Records: `r:<owner>` while a run holds the key, `d:<json>` once it succeeded,
// `f:<owner>` for a moment after it failed (so its waiters learn it), which a claim treats as absent.
// A claim finding its own record (ioredis resent it after a dropped connection lost its answer) has it: it must
// not wait on itself.
const CLAIM = `local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, 2) ~= 'f:' and v ~= 'r:' .. ARGV[1] then return v end
redis.call('SET', KEYS[1], 'r:' .. ARGV[1], 'PX', ARGV[2])
return false`;
const COMPLETE = `local v = redis.call('GET', KEYS[1])
if v == 'r:' .. ARGV[1] or not v or string.sub(v, 1, 2) == 'f:' then
  redis.call('SET', KEYS[1], 'd:' .. ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == 'r:' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'f:' .. ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;
const RENEW = "if redis.call('GET', KEYS[1]) == 'r:' .. ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
// Undoes a claim whose caller gave up on it: see `run`.
const CANCEL = "if redis.call('GET', KEYS[1]) == 'r:' .. ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

// How long a failure marker stays: longer than the slowest waiter's poll.
const FAILURE_MARK_MS = 5_000;
const MAX_POLL_MS = 250;

/**
 * An {@link IdempotencyStore} in Redis: `once(key, fn)` runs `fn` once across
 * every process sharing the Redis and prefix. A caller claims the key
 * atomically (a Lua script on `<prefix>once:<key>`); the others wait for the
 * outcome and get it. The outcome is saved as JSON for `ttlMs`.
 *
 * - Callers in this process that arrive during a run share it, as with the
 *   in-memory store: its value or its error.
 * - Callers in other processes wait for it and get its value; if it fails
 *   (or its process dies, and its claim lapses after `leaseMs`), they reject
 *   with a `SharedRunFailedError`, and the next call runs `fn` again.
 * - Redis unreachable or slow: `RedisStoreError`, and `fn` does not run,
 *   unless `failOpen`.
 */
export function createRedisIdempotencyStore(options: RedisIdempotencyStoreOptions): IdempotencyStore {
  const { client } = options;
  const prefix = checkPrefix(options.prefix);
  const timeoutMs = checkMs('commandTimeoutMs', options.commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS);
  const defaultTtl = checkTtl(options.ttlMs ?? 24 * 60 * 60 * 1000);
  const leaseMs = checkMs('leaseMs', options.leaseMs, 30_000);
  const report = (error: unknown) => {
    if (isRedisStoreError(error)) options.onError?.(error);
  };
  // Runs this process started or is waiting on, so local callers share them.
  const local = new Map<string, Promise<unknown>>();

  const run = async <T>(key: string, fn: () => Promise<T>, ttl: number): Promise<T> => {
    const at = redisKey(prefix, 'once', key);
    const owner = randomUUID();
    let found: string | null;
    try {
      found = await command('once.claim', timeoutMs, () => client.eval(CLAIM, 1, at, owner, leaseMs) as Promise<string | null>);
    } catch (error) {
      // The claim may still reach Redis after this (ioredis queues commands while it reconnects, and resends
      // those a dropped connection left unanswered): it would then hold the key for leaseMs with no run behind
      // it, and every call of the key would wait that long and fail. This undo, queued behind it on the same
      // connection, removes such a claim (only this owner's); its own failure is of no consequence.
      client.eval(CANCEL, 1, at, owner).catch(() => {});
      if (!options.failOpen || !isRedisStoreError(error)) throw error;
      report(error);
      return fn();
    }
    if (found !== null) return outcome<T>(key, at, found);

    const renewal = setInterval(
      () => void command('once.renew', timeoutMs, () => client.eval(RENEW, 1, at, owner, leaseMs)).catch(report),
      Math.max(1, Math.floor(leaseMs / 3)),
    );
    renewal.unref?.();
    let value: T;
    try {
      value = await fn();
    } catch (error) {
      clearInterval(renewal);
      await command('once.release', timeoutMs, () => client.eval(RELEASE, 1, at, owner, FAILURE_MARK_MS)).catch(report);
      throw error;
    }
    clearInterval(renewal);
    // The work is done: a failure to save its outcome is reported, not thrown (the claim lapses after leaseMs).
    const json = value === undefined ? '' : JSON.stringify(value);
    await command('once.complete', timeoutMs, () => client.eval(COMPLETE, 1, at, owner, json, ttl)).catch(report);
    return value;
  };

  // Waits until the run that holds the key (record `held`) ends, and returns its outcome.
  const outcome = async <T>(key: string, at: string, held: string): Promise<T> => {
    let record: string | null = held;
    for (let attempt = 0; ; attempt++) {
      if (record?.startsWith('d:')) return decode<T>(record.slice(2), at);
      if (record !== held || !record.startsWith('r:')) throw new SharedRunFailedError(key);
      await sleep(Math.min(20 * 2 ** attempt, MAX_POLL_MS));
      record = await command('once.wait', timeoutMs, () => client.get(at));
    }
  };

  return {
    once<T>(key: string, fn: () => Promise<T>, onceOptions: OnceOptions = {}): Promise<T> {
      const ttl = checkTtl(onceOptions.ttlMs ?? defaultTtl);
      const running = local.get(key);
      if (running) return running as Promise<T>;
      const started = run(key, () => Promise.resolve().then(fn), ttl);
      local.set(key, started);
      const forget = () => {
        if (local.get(key) === started) local.delete(key);
      };
      started.then(forget, forget);
      return started;
    },
  };
}

function decode<T>(json: string, at: string): T {
  if (json === '') return undefined as T;
  try {
    return JSON.parse(json) as T;
  } catch (error) {
    throw new RedisStoreError(`The outcome at ${at} is not JSON this store wrote. Is another program using keys under this prefix?`, {
      operation: 'once.wait',
      failure: 'data',
      cause: error,
    });
  }
}

function checkTtl(ttl: number): number {
  if (!(typeof ttl === 'number' && ttl > 0 && Number.isFinite(ttl))) {
    throw new ConfigurationError(`An idempotency store's ttlMs must be a positive number of milliseconds; got ${ttl}.`);
  }
  return Math.ceil(ttl);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
