import { randomUUID } from 'node:crypto';
import type { RedisClient } from './redis-client.js';
import { command } from './redis-command.js';
import { RedisStoreError } from './redis-errors.js';

// Only the holder (its random token) may extend or free the lock.
const RENEW = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** How a {@link withRedisLock} call behaves. */
export interface RedisLockSettings {
  client: RedisClient;
  /** The lock's own key. */
  key: string;
  /** The lock's time to live: how long a dead holder blocks the others. Renewed every third of it while the holder runs. */
  ttlMs: number;
  /** How long to wait for a lock another process holds before failing. */
  waitMs: number;
  commandTimeoutMs: number;
  /** Told about failures that do not fail the call (a renewal or the release could not be sent). */
  onError?: (error: RedisStoreError) => void;
}

/**
 * Runs `fn` while holding a Redis lock (`SET key token NX PX ttl`): one
 * holder at a time across every process. The holder renews it while `fn`
 * runs, so a long `fn` keeps it, and a holder that dies lets it lapse within
 * `ttlMs`. It is released by a script that deletes it only if it still holds
 * the holder's token. Waiters poll with a short, jittered backoff.
 */
export async function withRedisLock<T>(settings: RedisLockSettings, fn: () => Promise<T>): Promise<T> {
  const { client, key, ttlMs, waitMs, commandTimeoutMs } = settings;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    const got = await command('tokens.lock', commandTimeoutMs, () => client.set(key, token, 'PX', ttlMs, 'NX')).catch((error: unknown) => {
      // The SET may still reach Redis later (ioredis queues commands while it reconnects, and resends those a
      // dropped connection left unanswered) and take the lock for ttlMs with no holder: every other process
      // would wait that long. This release, queued behind it on the same connection, frees it.
      client.eval(RELEASE, 1, key, token).catch(() => {});
      throw error;
    });
    if (got === 'OK') break;
    if (Date.now() >= deadline) {
      throw new RedisStoreError(
        `The lock ${key} stayed held by another process for ${waitMs} ms. A renewal there may be stuck; it lapses ${ttlMs} ms after its holder stops renewing it. Raise lockWaitMs if renewals are this slow.`,
        { operation: 'tokens.lock', failure: 'lock_timeout' },
      );
    }
    const backoff = Math.min(25 * 2 ** attempt, 250);
    await sleep(Math.min(backoff / 2 + Math.random() * backoff, Math.max(1, deadline - Date.now())));
  }

  const report = (error: unknown) => {
    if (error instanceof RedisStoreError) settings.onError?.(error);
  };
  const renewal = setInterval(
    () => {
      command('tokens.lock.renew', commandTimeoutMs, () => client.eval(RENEW, 1, key, token, ttlMs)).then((renewed) => {
        if (renewed !== 1) {
          report(
            new RedisStoreError(
              `The lock ${key} was lost while held (it lapsed or was deleted); another process may renew at the same time.`,
              {
                operation: 'tokens.lock.renew',
                failure: 'lock_timeout',
              },
            ),
          );
        }
      }, report);
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  renewal.unref?.();
  try {
    return await fn();
  } finally {
    clearInterval(renewal);
    // A release that fails is not the caller's problem: the lock lapses by itself.
    await command('tokens.lock.release', commandTimeoutMs, () => client.eval(RELEASE, 1, key, token)).catch(report);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
