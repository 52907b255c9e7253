import { createLimiter, isLimiterError, type RateLimiter, type RateLimitPolicy } from '@junction/core';
import { Redis } from 'ioredis';
import { afterAll, expect, it } from 'vitest';
import { createRedisRateLimiter, isRedisStoreError, type RedisLimiterOptions, type RedisStoreError } from '../src/index.js';
import { freePort } from './support/redis-process.js';
import { describeWithRedis } from './support/redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let bucket = 0;

const dead: Redis[] = [];
afterAll(() => {
  for (const client of dead) client.disconnect();
});

/** A client of a Redis that is not there, failing at once. */
async function unreachable(): Promise<Redis> {
  const client = new Redis(await freePort(), '127.0.0.1', { enableOfflineQueue: false, retryStrategy: () => 50 });
  client.on('error', () => {});
  dead.push(client);
  return client;
}

/** The rejection of `promise`, which must reject. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describeWithRedis('the Redis rate limiter', (redis) => {
  /** `count` limiters on one new bucket, each on its own connection, as separate processes would be. */
  function processes(count: number, policy: RateLimitPolicy, options: Partial<RedisLimiterOptions> = {}): RateLimiter[] {
    const key = `bucket-${++bucket}`;
    return Array.from({ length: count }, () => createRedisRateLimiter({ client: redis().client(), key, policy, ...options }));
  }

  it('shares one sliding log: 4 limiters never start more than `requests` in any interval, and use the budget fully', async () => {
    const interval = 300;
    const limiters = processes(4, { requests: 5, intervalMs: interval });
    const starts: number[] = [];
    const started = performance.now();
    await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 10 }, () =>
          limiter.schedule(async () => {
            starts.push(performance.now());
            await sleep(5);
          }),
        ),
      ),
    );
    starts.sort((a, b) => a - b);
    // Redis's clock is read in whole ms: allow that rounding at the window's edge.
    for (let i = 0; i + 5 < starts.length; i++) expect((starts[i + 5] as number) - (starts[i] as number)).toBeGreaterThan(interval - 2);
    // 40 calls, 5 per interval: 7 intervals of waiting at least, and not much more.
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(7 * interval - 2);
    expect(elapsed).toBeLessThan(7 * interval + 1500);
  });

  it('bounds the calls in flight across limiters (maxConcurrent)', async () => {
    const limiters = processes(3, { maxConcurrent: 3 });
    let running = 0;
    let most = 0;
    await Promise.all(
      limiters.flatMap((limiter) =>
        Array.from({ length: 10 }, () =>
          limiter.schedule(async () => {
            most = Math.max(most, ++running);
            await sleep(10);
            running--;
          }),
        ),
      ),
    );
    expect(most).toBe(3);
  });

  it('a pause in one limiter holds the others, queued calls included, until it ends', async () => {
    const [a, b] = processes(2, {}) as [RateLimiter, RateLimiter];
    await a.pause(300);
    const asked = performance.now();
    const startedAt = await b.schedule(async () => performance.now());
    expect(startedAt - asked).toBeGreaterThan(280);
  });

  it('a pause longer than a call may wait refuses it at once, saying so', async () => {
    const [a, b] = processes(2, {}) as [RateLimiter, RateLimiter];
    await a.pause(5_000);
    const asked = performance.now();
    const error = await rejection(b.schedule(async () => 'sent', { maxWaitMs: 200 }));
    expect(isLimiterError(error) && error.reason).toBe('paused');
    expect(performance.now() - asked).toBeLessThan(150);
  });

  it('maxWaitMs, maxQueued, an abort signal and stop each refuse a waiting call, and nothing is sent', async () => {
    const [a, b] = processes(2, { requests: 1, intervalMs: 60_000, maxQueued: 2 }) as [RateLimiter, RateLimiter];
    let sent = 0;
    await a.schedule(async () => sent++);
    const late = await rejection(b.schedule(async () => sent++, { maxWaitMs: 100 }));
    expect(isLimiterError(late) && late.reason).toBe('max_wait');

    const controller = new AbortController();
    const aborted = b.schedule(async () => sent++, { signal: controller.signal });
    const queued = b.schedule(async () => sent++);
    const full = await rejection(b.schedule(async () => sent++));
    expect(isLimiterError(full) && full.reason).toBe('queue_full');
    controller.abort(new Error('caller gave up'));
    expect(await rejection(aborted)).toMatchObject({ message: 'caller gave up' });
    await b.stop();
    const stopped = await rejection(queued);
    expect(isLimiterError(stopped) && stopped.reason).toBe('stopped');
    expect(sent).toBe(1);
  });

  it('a call that left while waiting gives its slot to the next one', async () => {
    const [a] = processes(1, { maxConcurrent: 1 }) as [RateLimiter];
    let release = () => {};
    const running = new Promise<void>((started) => {
      void a.schedule(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
            started();
          }),
      );
    });
    await running;
    const controller = new AbortController();
    const leaving = a.schedule(async () => 'left', { signal: controller.signal });
    const next = a.schedule(async () => 'next');
    controller.abort(new Error('gone'));
    await rejection(leaving);
    release();
    expect(await next).toBe('next');
  });

  it('a process that dies mid-call holds its slot only until its lease lapses', async () => {
    const key = `bucket-${++bucket}`;
    const doomed = new Redis(redis().port, '127.0.0.1');
    doomed.on('error', () => {});
    const holder = createRedisRateLimiter({ client: doomed, key, policy: { maxConcurrent: 1 }, leaseMs: 300 });
    const other = createRedisRateLimiter({ client: redis().client(), key, policy: { maxConcurrent: 1 }, leaseMs: 300 });
    let died = () => {};
    const lost = holder.schedule(() => new Promise<void>((resolve) => (died = resolve)));
    await sleep(50);
    // Its connection goes: its renewals stop reaching Redis, as if the process had been killed.
    doomed.disconnect();
    const asked = performance.now();
    await other.schedule(async () => {});
    const waited = performance.now() - asked;
    expect(waited).toBeGreaterThan(150);
    expect(waited).toBeLessThan(1500);
    died();
    await lost;
  });

  it('fails closed by default: Redis unreachable rejects with a RedisStoreError and sends nothing', async () => {
    const limiter = createRedisRateLimiter({ client: await unreachable(), key: 'k', policy: { requests: 10 } });
    let sent = 0;
    const error = await rejection(limiter.schedule(async () => sent++));
    expect(isRedisStoreError(error) && error).toMatchObject({ operation: 'limiter.acquire', failure: 'unavailable' });
    expect(sent).toBe(0);
  });

  it('with a fallback, fails open through it and reports the error', async () => {
    const reported: RedisStoreError[] = [];
    const limiter = createRedisRateLimiter({
      client: await unreachable(),
      key: 'k',
      policy: { requests: 10 },
      fallback: createLimiter({ requests: 1, intervalMs: 60_000 }),
      onError: (error) => reported.push(error),
    });
    expect(await limiter.schedule(async () => 'sent through the fallback')).toBe('sent through the fallback');
    // The fallback's own budget still holds.
    const refused = await rejection(limiter.schedule(async () => 'no', { maxWaitMs: 50 }));
    expect(isLimiterError(refused) && refused.reason).toBe('max_wait');
    expect(reported.map((e) => e.operation)).toEqual(['limiter.acquire', 'limiter.acquire']);
  });

  it('refuses a bad key or policy with a clear error', () => {
    const client = redis().client();
    expect(() => createRedisRateLimiter({ client, key: '' })).toThrow(/needs a non-empty key/);
    expect(() => createRedisRateLimiter({ client, key: 'k', policy: { requests: 0 } })).toThrow(
      /rateLimit.requests must be a positive number/,
    );
    expect(() => createRedisRateLimiter({ client, key: 'k', leaseMs: -1 })).toThrow(/leaseMs must be a positive number/);
  });

  it('keeps nothing in Redis longer than it matters', async () => {
    const client = redis().client();
    const key = `bucket-${++bucket}`;
    const limiter = createRedisRateLimiter({ client, key, prefix: 'ttl:', policy: { requests: 2, intervalMs: 200 } });
    await limiter.schedule(async () => {});
    await limiter.pause(100);
    const keys = await client.keys('ttl:*');
    expect(keys.sort()).toEqual([`ttl:limit:{${key}}:log`, `ttl:limit:{${key}}:pause`]);
    for (const at of keys) expect(await client.pttl(at)).toBeGreaterThan(0);
    await sleep(250);
    expect(await client.keys('ttl:*')).toEqual([]);
  });
});
