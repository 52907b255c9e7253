import { isLimiterError, type TokenSet } from '@junction/core';
import type { Redis } from 'ioredis';
import { expect, it, onTestFinished } from 'vitest';
import {
  createRedisIdempotencyStore,
  createRedisRateLimiter,
  createRedisTokenStore,
  isRedisStoreError,
  isSharedRunFailedError,
} from '../src/index.js';
import { findRedisServer, type RedisServer, startRedisServer } from './support/redis-process.js';
import { describeWithRedis } from './support/redis-server.js';

// Redis restarted mid-run: every call ends, and ends typed; with AOF nothing handled before the restart runs again.

const AOF = ['--appendonly', 'yes', '--appendfsync', 'always'];
/** Short, so calls during the outage fail fast. */
const COMMAND_TIMEOUT_MS = 400;
/** Claims, slots and locks: longer than the outage (no run in flight loses its claim), and than a test would wait for one. */
const LEASE_MS = 10_000;
/** How long Redis stays down: longer than a command may take, so calls during it fail. */
const DOWN_MS = 1_000;
/** The longest any call may take before it counts as hung. */
const CALL_BOUND_MS = 15_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How every call ended: each resolves or rejects with a documented typed error, within CALL_BOUND_MS. */
class Calls {
  count = 0;
  ok = 0;
  /** How long the slowest call took, in ms. */
  slowestMs = 0;
  readonly hung: string[] = [];
  readonly untyped: string[] = [];
  /** Typed failures by kind: `RedisStoreError:once.claim`, `SharedRunFailedError`, `LimiterError:max_wait`… */
  readonly failures = new Map<string, number>();

  /** Tracks `promise` as the call `name`; resolves with its value, or undefined when it failed. */
  async track<T>(name: string, promise: Promise<T> | T): Promise<T | undefined> {
    this.count++;
    const started = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bound = new Promise<'hung'>((resolve) => {
      timer = setTimeout(() => resolve('hung'), CALL_BOUND_MS);
    });
    try {
      const value = await Promise.race([promise, bound]);
      if (value === 'hung') {
        this.hung.push(name);
        return undefined;
      }
      this.ok++;
      return value as T;
    } catch (error) {
      const kind = kindOf(error);
      if (kind) this.failures.set(kind, (this.failures.get(kind) ?? 0) + 1);
      else this.untyped.push(`${name}: ${String(error)}`);
      return undefined;
    } finally {
      clearTimeout(timer);
      this.slowestMs = Math.max(this.slowestMs, performance.now() - started);
    }
  }

  redisErrors(): number {
    return [...this.failures].filter(([kind]) => kind.startsWith('RedisStoreError')).reduce((sum, [, n]) => sum + n, 0);
  }

  /**
   * Every call ended, and ended typed; and none waited anywhere near a lease
   * for a claim, slot or lock that a call which gave up left held (its
   * command, queued while Redis was down, reached Redis after it).
   */
  expectAllTyped(): void {
    expect(this.hung, 'calls that never ended').toEqual([]);
    expect(this.untyped, 'calls that rejected with an untyped error').toEqual([]);
    expect(this.slowestMs, 'the slowest call: did it wait for a lease to lapse?').toBeLessThan(LEASE_MS / 2);
  }

  summary(): string {
    const failures = [...this.failures].map(([kind, n]) => `${n} ${kind}`).join(', ') || 'no failures';
    return `${this.count} calls, ${this.hung.length} hung, ${this.untyped.length} untyped, ${this.ok} ok, slowest ${Math.round(this.slowestMs)} ms; ${failures}`;
  }
}

/** The documented typed errors a store call may reject with, or undefined for anything else. */
function kindOf(error: unknown): string | undefined {
  if (isRedisStoreError(error)) return `RedisStoreError:${error.operation}/${error.failure}`;
  if (isSharedRunFailedError(error)) return 'SharedRunFailedError';
  if (isLimiterError(error)) return `LimiterError:${error.reason}`;
  return undefined;
}

/**
 * Calls `call(i)` every `everyMs` while Redis is restarted with `signal`:
 * from `leadMs` before the restart to `tailMs` after it answers again.
 * Resolves when every call started has ended.
 */
async function throughRestart(
  server: RedisServer,
  signal: 'SIGTERM' | 'SIGKILL',
  call: (i: number) => Promise<unknown>,
  { everyMs = 10, leadMs = 200, tailMs = 800 } = {},
): Promise<void> {
  const started: Promise<unknown>[] = [];
  let back: number | undefined;
  const restart = sleep(leadMs).then(() => server.restart(signal, DOWN_MS).then(() => (back = Date.now())));
  for (let i = 0; back === undefined || Date.now() - back < tailMs; i++) {
    started.push(call(i));
    await sleep(everyMs);
  }
  await restart;
  await Promise.all(started);
}

/** Resolves once every client answers again (ioredis reconnects by itself, with a backoff). */
async function reconnected(clients: Redis[]): Promise<void> {
  await Promise.all(clients.map((client) => client.ping()));
}

const tokens = (n: number): TokenSet => ({
  accessToken: `at-${n}`,
  tokenType: 'bearer',
  refreshToken: `rt-${n}`,
  issuedAt: 1_700_000_000_000 + n,
});

describeWithRedis(
  'Redis restarted mid-run (with AOF, appendfsync always, unless said otherwise)',
  (redis) => {
    it('dedupe: every once() ends typed, each key runs at most once, and a key handled before a SIGKILL never runs again', async () => {
      const calls = new Calls();
      const runs = new Map<string, number>();
      const reported: string[] = [];
      const clients = [redis().client(), redis().client(), redis().client()];
      // Three stores on their own connections, as three processes would be.
      const stores = clients.map((client) =>
        createRedisIdempotencyStore({
          client,
          prefix: 'restart-aof:',
          commandTimeoutMs: COMMAND_TIMEOUT_MS,
          leaseMs: LEASE_MS,
          onError: (error) => reported.push(error.operation),
        }),
      );
      const once = (key: string, store: number, when: string) =>
        calls.track(
          `once('${key}') on store ${store} ${when}`,
          stores[store]!.once(key, async () => {
            runs.set(key, (runs.get(key) ?? 0) + 1);
            await sleep(5 + Math.random() * 20);
            return key;
          }),
        );
      /** Each of the three stores once()s `key`, at the same time. */
      const everyStore = (key: string, when: string) => Promise.all(stores.map((_, store) => once(key, store, when)));

      // Handled before the restart: every call resolved, so its outcome was acknowledged (and fsynced) by Redis.
      const handled = Array.from({ length: 40 }, (_, i) => `handled-${i}`);
      for (const results of await Promise.all(handled.map((key) => everyStore(key, 'before the restart')))) {
        expect(results.every((value) => value !== undefined)).toBe(true);
      }

      // Through the restart: a new key every 10 ms from every store, and again a handled one and an earlier new one.
      // What the store does with a key in flight at the restart: a claim that fails (or times out) rejects with a
      // RedisStoreError and the work does not run; a run that had its claim goes on, and if saving its outcome
      // fails, that is reported to onError (`once.complete`), not thrown: the command stays queued in ioredis and
      // lands when the client reconnects, while the claim (leaseMs, longer than the outage) still holds the key.
      // So every key runs exactly once. (Were the outage longer than leaseMs, or the client to drop its queue,
      // the claim would lapse with no outcome, and the next once() of the key would run it again.)
      const inFlight: string[] = [];
      await throughRestart(redis(), 'SIGKILL', (i) => {
        const key = `in-flight-${i}`;
        inFlight.push(key);
        return Promise.all([
          everyStore(key, 'through the restart'),
          once(handled[i % handled.length]!, i % 3, 'through the restart'),
          once(inFlight[Math.floor(Math.random() * inFlight.length)]!, (i + 1) % 3, 'through the restart'),
        ]);
      });
      const outage = calls.redisErrors();

      // After the restart every call resolves: no claim is left held by a caller that gave up on it (its claim,
      // queued while Redis was down, reached Redis after it), which would make its key wait for its lease to lapse.
      await reconnected(clients);
      expect(await held(clients[0]!, 'restart-aof:once:*', (value) => value.startsWith('r:')), 'claims left held').toEqual([]);
      const after = await Promise.all([...handled, ...inFlight].map((key) => everyStore(key, 'after the restart')));

      calls.expectAllTyped();
      expect(outage, 'the restart failed no call: did it happen?').toBeGreaterThan(0);
      const twice = [...runs].filter(([, n]) => n > 1).map(([key]) => key);
      expect(twice, 'keys whose work ran more than once').toEqual([]);
      // Every key ran exactly once, and every store gets its outcome, the handled ones' from before the restart.
      expect(after).toEqual([...handled, ...inFlight].map((key) => [key, key, key]));
      expect(handled.concat(inFlight).filter((key) => runs.get(key) !== 1)).toEqual([]);
      console.log(
        `restart (dedupe, AOF, SIGKILL): ${calls.summary()}; ${outage} RedisStoreError in the outage, ${handled.length + inFlight.length} keys, ${twice.length} run twice; reported: ${count(reported)}`,
      );
    });

    it('rate limiter: calls through the restart succeed or fail closed with RedisStoreError, calls after it all succeed', async () => {
      const calls = new Calls();
      const clients = [redis().client(), redis().client()];
      const limiters = clients.map((client) =>
        createRedisRateLimiter({
          client,
          key: 'restart',
          policy: { requests: 50, intervalMs: 200, maxConcurrent: 4, maxWaitMs: 5_000 },
          commandTimeoutMs: COMMAND_TIMEOUT_MS,
          leaseMs: LEASE_MS,
        }),
      );
      let sent = 0;
      const schedule = (i: number, when: string) =>
        calls.track(
          `limiter ${i % 2} call ${i} ${when}`,
          limiters[i % 2]!.schedule(async () => {
            sent++;
            await sleep(5);
            return i;
          }),
        );

      await throughRestart(redis(), 'SIGKILL', (i) =>
        Promise.all([schedule(2 * i, 'through the restart'), schedule(2 * i + 1, 'through the restart')]),
      );
      const through = { count: calls.count, ok: calls.ok, redisErrors: calls.redisErrors() };

      // No slot is left held by a call that gave up on it (its acquire reached Redis after it).
      await reconnected(clients);
      expect(await clients[0]!.zcard('junction:limit:{restart}:running'), 'slots left held').toBe(0);
      const after = await Promise.all(Array.from({ length: 40 }, (_, i) => schedule(i, 'after the restart')));

      calls.expectAllTyped();
      expect(through.redisErrors, 'the restart failed no call: did it happen?').toBeGreaterThan(0);
      // Fails closed: a call either ran or failed with RedisStoreError (and was not sent).
      expect(through.ok + through.redisErrors).toBe(through.count);
      expect(after).toEqual(Array.from({ length: 40 }, (_, i) => i));
      expect(sent).toBe(calls.ok);
      for (const limiter of limiters) await limiter.stop();
      console.log(`restart (rate limiter, SIGKILL): ${calls.summary()}; ${sent} sent`);
    });

    it('token store: get/set/lock end typed through the restart; tokens set before a SIGKILL are still read', async () => {
      const calls = new Calls();
      const clients = [redis().client(), redis().client()];
      const stores = clients.map((client) =>
        createRedisTokenStore({
          client,
          prefix: 'restart-aof:',
          commandTimeoutMs: COMMAND_TIMEOUT_MS,
          lockTtlMs: LEASE_MS,
          lockWaitMs: 10_000,
        }),
      );
      const store = (i: number) => stores[i % 2]!;
      await store(0).set('before', tokens(0));

      let locked = 0;
      await throughRestart(redis(), 'SIGKILL', (i) =>
        Promise.all([
          calls.track(`tokens.get ${i}`, store(i).get('before')),
          calls.track(`tokens.set ${i}`, store(i + 1).set(`user-${i % 5}`, tokens(i))),
          calls.track(
            `tokens.lock ${i}`,
            store(i).lock!(`lock-${i % 4}`, async () => {
              locked++;
              await sleep(2);
            }),
          ),
        ]),
      );

      // No lock is left held by a call that gave up on it (its SET NX reached Redis after it).
      await reconnected(clients);
      expect(await held(clients[0]!, 'restart-aof:token-lock:*', () => true), 'locks left held').toEqual([]);
      expect(await calls.track('tokens.get after the restart', store(1).get('before'))).toEqual(tokens(0));
      await calls.track('tokens.set after the restart', store(0).set('after', tokens(1)));
      expect(await calls.track('tokens.get after the restart', store(1).get('after'))).toEqual(tokens(1));
      expect(
        await calls.track(
          'tokens.lock after the restart',
          store(1).lock!('lock-0', async () => 'held'),
        ),
      ).toBe('held');

      calls.expectAllTyped();
      expect(calls.redisErrors(), 'the restart failed no call: did it happen?').toBeGreaterThan(0);
      console.log(`restart (token store, SIGKILL): ${calls.summary()}; ${locked} locks held`);
    });

    it('without persistence (the default): a key handled before the restart runs again, tokens are lost (why the docs say AOF)', async () => {
      // Its own redis-server, with the helper's default: no persistence. (describeWithRedis found the binary.)
      const server = await startRedisServer(findRedisServer()!);
      onTestFinished(() => server.stop());
      const client = server.client();
      const dedupe = createRedisIdempotencyStore({ client, prefix: 'restart-none:', commandTimeoutMs: COMMAND_TIMEOUT_MS });
      const tokenStore = createRedisTokenStore({ client, prefix: 'restart-none:', commandTimeoutMs: COMMAND_TIMEOUT_MS });
      const keys = Array.from({ length: 20 }, (_, i) => `handled-${i}`);
      let runs = 0;
      const handleAll = () => Promise.all(keys.map((key) => dedupe.once(key, async () => ++runs)));

      await handleAll();
      await handleAll();
      await tokenStore.set('before', tokens(0));
      expect(runs).toBe(keys.length);

      await server.restart('SIGTERM');
      await reconnected([client]);
      await handleAll();
      expect(runs, 'every handled key ran again').toBe(2 * keys.length);
      expect(await tokenStore.get('before')).toBeUndefined();
      console.log(`restart (no persistence, SIGTERM): ${keys.length} keys handled before, ${runs - keys.length} ran again; tokens lost`);
    });
  },
  { args: AOF },
);

/** The keys matching `pattern` whose value `test` accepts. */
async function held(client: Redis, pattern: string, test: (value: string) => boolean): Promise<string[]> {
  const keys = await client.keys(pattern);
  const values = keys.length > 0 ? await client.mget(keys) : [];
  return keys.filter((_, i) => test(values[i] ?? ''));
}

/** `['a', 'b', 'a']` as `2 a, 1 b`. */
function count(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => `${n} ${item}`).join(', ') || 'none';
}
