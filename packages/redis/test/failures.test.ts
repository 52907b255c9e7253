import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import {
  createRedisCursorStore,
  createRedisIdempotencyStore,
  createRedisTokenStore,
  isRedisStoreError,
  type RedisClient,
  type RedisStoreError,
} from '../src/index.js';
import { freePort } from './support/redis-process.js';
import { describeWithRedis } from './support/redis-server.js';

/** Every store operation against `client`, each expected to fail fast with a RedisStoreError. */
function operations(client: RedisClient, commandTimeoutMs: number) {
  const tokens = createRedisTokenStore({ client, commandTimeoutMs, lockWaitMs: commandTimeoutMs });
  const cursors = createRedisCursorStore({ client, commandTimeoutMs });
  const once = createRedisIdempotencyStore({ client, commandTimeoutMs });
  let ran = 0;
  return {
    ran: () => ran,
    list: {
      'tokens.get': () => tokens.get('k'),
      'tokens.set': () => tokens.set('k', { accessToken: 'a', tokenType: 'bearer' }),
      'tokens.lock': () => tokens.lock?.('k', async () => ran++),
      'cursor.get': () => cursors.get('k'),
      'cursor.set': () => cursors.set('k', { cursor: 'c' }),
      'once.claim': () => once.once('k', async () => ran++),
    } as Record<string, () => Promise<unknown>>,
  };
}

async function failureOf(fn: () => Promise<unknown>): Promise<{ error: RedisStoreError; ms: number }> {
  const started = Date.now();
  const error = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isRedisStoreError(error)) throw new Error(`expected a RedisStoreError, got ${String(error)}`);
  return { error, ms: Date.now() - started };
}

const clients: Redis[] = [];
afterAll(() => {
  for (const client of clients) client.disconnect();
});

describeWithRedis('Redis unreachable or slow', (redis) => {
  it('nothing listening (client queues while reconnecting): every operation fails within its timeout, naming itself, and dedupe runs nothing', async () => {
    const client = new Redis(await freePort(), '127.0.0.1', { retryStrategy: () => 50 });
    client.on('error', () => {});
    clients.push(client);
    const ops = operations(client, 150);
    for (const [operation, fn] of Object.entries(ops.list)) {
      const { error, ms } = await failureOf(fn);
      expect(error.operation).toBe(operation);
      expect(error.failure).toBe('timeout');
      expect(error.message).toMatch(/within 150 ms\. Check that Redis is running and reachable/);
      expect(ms).toBeLessThan(1000);
    }
    expect(ops.ran()).toBe(0);
  });

  it('nothing listening (client without an offline queue): fails at once as unavailable', async () => {
    const client = new Redis(await freePort(), '127.0.0.1', { enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => {});
    clients.push(client);
    const { error, ms } = await failureOf(() => createRedisCursorStore({ client }).get('k'));
    expect(error).toMatchObject({ operation: 'cursor.get', failure: 'unavailable' });
    expect(error.message).toMatch(/could not reach Redis/);
    expect(ms).toBeLessThan(500);
  });

  it('Redis stalled (CLIENT PAUSE): every operation times out instead of hanging', async () => {
    const client = redis().client();
    await client.ping();
    const ops = operations(client, 150);
    await redis().client().call('CLIENT', 'PAUSE', '1500', 'ALL');
    for (const [operation, fn] of Object.entries(ops.list)) {
      const { error, ms } = await failureOf(fn);
      expect(error).toMatchObject({ operation, failure: 'timeout' });
      expect(ms).toBeLessThan(1000);
    }
    expect(ops.ran()).toBe(0);
  });

  it('dedupe fails closed by default; failOpen runs the work and reports the error', async () => {
    const client = new Redis(await freePort(), '127.0.0.1', { enableOfflineQueue: false, retryStrategy: () => 50 });
    client.on('error', () => {});
    clients.push(client);
    let runs = 0;
    const closed = await failureOf(() => createRedisIdempotencyStore({ client }).once('evt', async () => ++runs));
    expect(closed.error.operation).toBe('once.claim');
    expect(runs).toBe(0);
    const reported: RedisStoreError[] = [];
    const open = createRedisIdempotencyStore({ client, failOpen: true, onError: (e) => reported.push(e) });
    expect(await open.once('evt', async () => ++runs)).toBe(1);
    expect(reported.map((e) => e.operation)).toEqual(['once.claim']);
  });

  it('a command Redis refuses is a RedisStoreError of kind command', async () => {
    const client = redis().client();
    await client.lpush('wrongtype:once:evt', 'x');
    // GET on a list: WRONGTYPE, answered by Redis.
    const { error } = await failureOf(() => createRedisIdempotencyStore({ client, prefix: 'wrongtype:' }).once('evt', async () => 1));
    expect(error.message).toMatch(/WRONGTYPE.*nothing else writes keys under this prefix/);
    expect(error).toMatchObject({ operation: 'once.claim', failure: 'command' });
  });
});
