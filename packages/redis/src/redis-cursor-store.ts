import type { CursorStore, PollCheckpoint } from '@junction/core';
import type { RedisStoreOptions } from './redis-client.js';
import { command, DEFAULT_COMMAND_TIMEOUT_MS } from './redis-command.js';
import { RedisStoreError } from './redis-errors.js';
import { checkMs, checkPrefix, redisKey } from './redis-keys.js';

/** Options for {@link createRedisCursorStore}. */
export interface RedisCursorStoreOptions extends RedisStoreOptions {
  /**
   * Forget a checkpoint this long after its last write. Default: never,
   * because a poller that lost its cursor lists from the start again. Set it
   * when pollers come and go (one per customer) and an idle one may start over.
   */
  ttlMs?: number;
}

/**
 * A {@link CursorStore} in Redis: each poll checkpoint is JSON under
 * `<prefix>cursor:<key>`, kept forever unless `ttlMs` is given. `set`
 * resolves once Redis has acknowledged the write.
 */
export function createRedisCursorStore(options: RedisCursorStoreOptions): CursorStore {
  const { client } = options;
  const prefix = checkPrefix(options.prefix);
  const timeoutMs = checkMs('commandTimeoutMs', options.commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS);
  const ttlMs = options.ttlMs === undefined ? undefined : checkMs('ttlMs', options.ttlMs, 1);

  return {
    async get(key) {
      const at = redisKey(prefix, 'cursor', key);
      const raw = await command('cursor.get', timeoutMs, () => client.get(at));
      return raw === null ? undefined : parseCheckpoint(raw, at);
    },
    async set(key, checkpoint) {
      const at = redisKey(prefix, 'cursor', key);
      const value = JSON.stringify(checkpoint);
      await command('cursor.set', timeoutMs, () => (ttlMs === undefined ? client.set(at, value) : client.set(at, value, 'PX', ttlMs)));
    },
  };
}

function parseCheckpoint(raw: string, at: string): PollCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const checkpoint = parsed as PollCheckpoint | undefined;
  const valid =
    typeof checkpoint === 'object' &&
    checkpoint !== null &&
    (checkpoint.cursor === undefined || typeof checkpoint.cursor === 'string') &&
    (checkpoint.handled === undefined || (Array.isArray(checkpoint.handled) && checkpoint.handled.every((id) => typeof id === 'string')));
  if (!valid) {
    throw new RedisStoreError(
      `The value at ${at} is not a poll checkpoint this store wrote. Is another program using keys under this prefix?`,
      {
        operation: 'cursor.get',
        failure: 'data',
      },
    );
  }
  return checkpoint as PollCheckpoint;
}
