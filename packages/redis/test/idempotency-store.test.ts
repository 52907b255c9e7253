import { isConfigurationError } from '@junction/core';
import { expect, it } from 'vitest';
import { createRedisIdempotencyStore, isSharedRunFailedError } from '../src/index.js';
import { describeWithRedis } from './support/redis-server.js';

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeWithRedis('the Redis idempotency store', (redis) => {
  it('runs the work once and gives its outcome to later callers, in this process and others', async () => {
    const a = createRedisIdempotencyStore({ client: redis().client(), prefix: 'once-1:' });
    const b = createRedisIdempotencyStore({ client: redis().client(), prefix: 'once-1:' });
    let runs = 0;
    const work = async () => ({ run: ++runs });
    expect(await a.once('evt_1', work)).toEqual({ run: 1 });
    expect(await a.once('evt_1', work)).toEqual({ run: 1 });
    expect(await b.once('evt_1', work)).toEqual({ run: 1 });
    expect(runs).toBe(1);
  });

  it('200 concurrent claims of one key from 4 connections: exactly one runs, all get its outcome', async () => {
    const clients = [1, 2, 3, 4].map(() => redis().client());
    // One store per caller, so every claim reaches Redis (a store shares runs in-process before asking it).
    const stores = Array.from({ length: 200 }, (_, i) => createRedisIdempotencyStore({ client: clients[i % 4]!, prefix: 'race:' }));
    let runs = 0;
    const results = await Promise.all(
      stores.map((store, i) =>
        store.once('evt_race', async () => {
          runs++;
          await sleep(50);
          return { winner: i };
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
  });

  it('makes concurrent callers in one process await the same run', async () => {
    const store = createRedisIdempotencyStore({ client: redis().client(), prefix: 'local:' });
    const gate = deferred<string>();
    let runs = 0;
    const callers = Array.from({ length: 10 }, () =>
      store.once('evt_1', () => {
        runs++;
        return gate.promise;
      }),
    );
    await sleep(10);
    gate.resolve('done');
    expect(await Promise.all(callers)).toEqual(Array(10).fill('done'));
    expect(runs).toBe(1);
  });

  it('keeps keys and prefixes apart', async () => {
    const client = redis().client();
    const store = createRedisIdempotencyStore({ client, prefix: 'apart-1:' });
    const other = createRedisIdempotencyStore({ client, prefix: 'apart-2:' });
    expect(await store.once('a', async () => 'A')).toBe('A');
    expect(await store.once('b', async () => 'B')).toBe('B');
    expect(await other.once('a', async () => 'other A')).toBe('other A');
  });

  it('does not keep a failure: local waiters get the error, other processes a SharedRunFailedError, the next caller runs again', async () => {
    const a = createRedisIdempotencyStore({ client: redis().client(), prefix: 'fail:' });
    const b = createRedisIdempotencyStore({ client: redis().client(), prefix: 'fail:' });
    const gate = deferred();
    const failure = new Error('handler failed');
    let runs = 0;
    const failing = async () => {
      runs++;
      await gate.promise;
      throw failure;
    };
    const first = a.once('evt_1', failing);
    const second = a.once('evt_1', failing);
    await sleep(30);
    const elsewhere = b.once('evt_1', failing).catch((e: unknown) => e);
    await sleep(30);
    gate.resolve();
    await expect(first).rejects.toBe(failure);
    await expect(second).rejects.toBe(failure);
    expect(isSharedRunFailedError(await elsewhere)).toBe(true);
    expect(runs).toBe(1);
    expect(await b.once('evt_1', async () => 'redelivered')).toBe('redelivered');
    expect(await a.once('evt_1', async () => 'again')).toBe('redelivered');
  });

  it('does not keep a synchronous throw either', async () => {
    const store = createRedisIdempotencyStore({ client: redis().client(), prefix: 'sync:' });
    await expect(
      store.once('evt_1', () => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(await store.once('evt_1', async () => 'ok')).toBe('ok');
  });

  it('keeps an outcome for the TTL (store default or per call), as JSON; undefined survives', async () => {
    const client = redis().client();
    const store = createRedisIdempotencyStore({ client, prefix: 'ttl:', ttlMs: 60_000 });
    await store.once('evt_1', async () => ({ at: new Date(0) }));
    const ttl = await client.pttl('ttl:once:evt_1');
    expect(ttl).toBeGreaterThan(59_000);
    expect(await createRedisIdempotencyStore({ client, prefix: 'ttl:' }).once('evt_1', async () => 'no')).toEqual({
      at: '1970-01-01T00:00:00.000Z',
    });

    let runs = 0;
    await store.once('evt_2', async () => ++runs, { ttlMs: 30 });
    await sleep(60);
    expect(await store.once('evt_2', async () => ++runs)).toBe(2);

    expect(await store.once('evt_3', async () => undefined)).toBeUndefined();
    expect(await createRedisIdempotencyStore({ client, prefix: 'ttl:' }).once('evt_3', async () => 'ran')).toBeUndefined();
  });

  it('a claim whose process died lapses after leaseMs; a live one is renewed past it', async () => {
    const client = redis().client();
    // A claim left by a process that died mid-run: nobody renews it.
    await client.set('lease:once:evt_dead', 'r:dead-owner', 'PX', 300);
    const store = createRedisIdempotencyStore({ client, prefix: 'lease:', leaseMs: 300 });
    const waited = await store.once('evt_dead', async () => 'ran').catch((e: unknown) => e);
    expect(isSharedRunFailedError(waited)).toBe(true);
    expect(await store.once('evt_dead', async () => 'ran')).toBe('ran');

    let runs = 0;
    const slow = store.once('evt_slow', async () => {
      runs++;
      await sleep(900);
      return 'slow';
    });
    await sleep(600);
    const other = createRedisIdempotencyStore({ client: redis().client(), prefix: 'lease:', leaseMs: 300 });
    expect(await other.once('evt_slow', async () => `ran twice ${++runs}`)).toBe('slow');
    expect(await slow).toBe('slow');
    expect(runs).toBe(1);
  });

  it('refuses a TTL that is not positive', () => {
    let error: unknown;
    try {
      createRedisIdempotencyStore({ client: redis().client(), ttlMs: 0 });
    } catch (e) {
      error = e;
    }
    expect(isConfigurationError(error)).toBe(true);
  });
});
