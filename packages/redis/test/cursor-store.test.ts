import { type CursorStore, createMemoryCursorStore } from '@junction/core';
import { expect, it } from 'vitest';
import { createRedisCursorStore, isRedisStoreError } from '../src/index.js';
import { describeWithRedis } from './support/redis-server.js';

describeWithRedis('the Redis cursor store', (redis) => {
  it('keeps checkpoints as the in-memory store does: copies, JSON, undefined when absent', async () => {
    const client = redis().client();
    const stores: CursorStore[] = [createMemoryCursorStore(), createRedisCursorStore({ client, prefix: 'cursor-a:' })];
    for (const store of stores) {
      expect(await store.get('poller-1')).toBeUndefined();
      const checkpoint = { cursor: 'c-42', handled: ['evt_1', 'evt_2'] };
      await store.set('poller-1', checkpoint);
      checkpoint.handled.push('changed after set');
      const got = await store.get('poller-1');
      expect(got).toEqual({ cursor: 'c-42', handled: ['evt_1', 'evt_2'] });
      got?.handled?.push('changed after get');
      expect(await store.get('poller-1')).toEqual({ cursor: 'c-42', handled: ['evt_1', 'evt_2'] });
      await store.set('poller-1', {});
      expect(await store.get('poller-1')).toEqual({});
    }
  });

  it('is shared between processes (clients) and kept apart by prefix', async () => {
    const a = createRedisCursorStore({ client: redis().client(), prefix: 'app-1:' });
    const b = createRedisCursorStore({ client: redis().client(), prefix: 'app-1:' });
    const other = createRedisCursorStore({ client: redis().client(), prefix: 'app-2:' });
    await a.set('p', { cursor: 'x' });
    expect(await b.get('p')).toEqual({ cursor: 'x' });
    expect(await other.get('p')).toBeUndefined();
    expect(await redis().client().get('app-1:cursor:p')).toBe('{"cursor":"x"}');
  });

  it('keeps checkpoints without expiry by default, and with ttlMs when asked', async () => {
    const client = redis().client();
    await createRedisCursorStore({ client, prefix: 'ttl-none:' }).set('p', { cursor: 'x' });
    expect(await client.pttl('ttl-none:cursor:p')).toBe(-1);
    await createRedisCursorStore({ client, prefix: 'ttl-some:', ttlMs: 60_000 }).set('p', { cursor: 'x' });
    const ttl = await client.pttl('ttl-some:cursor:p');
    expect(ttl).toBeGreaterThan(59_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('refuses a value it did not write, with a RedisStoreError saying so', async () => {
    const client = redis().client();
    await client.set('junk:cursor:p', 'not json');
    const error = await createRedisCursorStore({ client, prefix: 'junk:' })
      .get('p')
      .catch((e: unknown) => e);
    expect(isRedisStoreError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'cursor.get', failure: 'data' });
  });
});
