/**
 * Each @junction/redis store's cost per call against its in-memory
 * counterpart from @junction/core, in one process on one ioredis connection,
 * at concurrency 1 and 16: part of the shared-limiter step.
 */
import {
  createLimiter,
  createMemoryCursorStore,
  createMemoryIdempotencyStore,
  memoryTokenStore,
  type RateLimiter,
  type TokenSet,
} from '@junction/core';
import { createRedisCursorStore, createRedisIdempotencyStore, createRedisRateLimiter, createRedisTokenStore } from '@junction/redis';
import { Redis } from 'ioredis';
import type { RedisServer } from '../../packages/redis/test/support/redis-process.js';
import { scaled } from './env.js';
import { progress } from './report.js';
import { median } from './stats.js';

/** Calls per overhead run: Redis round trips are slow, so fewer; enough either way for timer resolution not to matter. */
export const REDIS_OPS = scaled(4_000, 200);
export const MEMORY_OPS = scaled(100_000, 2_000);
export const ROUNDS = scaled(3, 1);
const CONCURRENCIES = [1, 16] as const;
/** A budget no run reaches: the limiters' cost per call, never a wait. */
const OPEN_POLICY = { requests: 1e9, intervalMs: 1000 } as const;

export interface OverheadCase {
  key: string;
  label: string;
  concurrency: number;
  redisWallUs: number;
  redisCpuUs: number;
  memoryWallUs: number;
  memoryCpuUs: number;
}

/** One operation on a store: made fresh for each run (so an idempotency store starts empty), called with the call's index. */
type MakeOp = () => { op: (i: number) => unknown; close?: () => Promise<void> };

interface Pair {
  key: string;
  label: string;
  redis: MakeOp;
  memory: MakeOp;
}

const TOKENS: TokenSet = {
  accessToken: 'at_bench_0123456789abcdef',
  tokenType: 'bearer',
  refreshToken: 'rt_bench_0123456789',
  scope: 'read write',
};
const CHECKPOINT = { cursor: 'evt_1PQx9aLk9eQX4mZ8', handled: ['evt_1', 'evt_2', 'evt_3'] };
const outcome = async () => ({ id: 'evt_1PQx9aLk9eQX4mZ8', handled: true });
const nothing = () => Promise.resolve();

/** Every store operation with its Redis and in-memory version, on one ioredis connection. */
function pairs(client: Redis): Pair[] {
  let run = 0;
  const limiterOp = (make: () => RateLimiter) => () => {
    const limiter = make();
    return { op: () => limiter.schedule(nothing), close: () => limiter.stop() };
  };
  const redisTokens = createRedisTokenStore({ client, prefix: 'bench:' });
  const memoryTokens = memoryTokenStore();
  const redisCursors = createRedisCursorStore({ client, prefix: 'bench:' });
  const memoryCursors = createMemoryCursorStore();
  return [
    {
      key: 'once-new',
      label: 'idempotency once(key, fn), a new key (claim, run, save)',
      redis: () => {
        const store = createRedisIdempotencyStore({ client, prefix: `bench:${++run}:` });
        return { op: (i) => store.once(`evt_${i}`, outcome) };
      },
      memory: () => {
        const store = createMemoryIdempotencyStore();
        return { op: (i) => store.once(`evt_${i}`, outcome) };
      },
    },
    {
      key: 'once-seen',
      label: 'idempotency once(key, fn), a key already done (concurrent callers in one process share one read)',
      redis: () => {
        const store = createRedisIdempotencyStore({ client, prefix: 'bench:seen:' });
        return { op: () => store.once('evt_seen', outcome) };
      },
      memory: () => {
        const store = createMemoryIdempotencyStore();
        return { op: () => store.once('evt_seen', outcome) };
      },
    },
    {
      key: 'token-get',
      label: 'token store get',
      redis: () => ({ op: () => redisTokens.get('acct') }),
      memory: () => ({ op: () => memoryTokens.get('acct') }),
    },
    {
      key: 'token-set',
      label: 'token store set',
      redis: () => ({ op: () => redisTokens.set('acct', TOKENS) }),
      memory: () => ({ op: () => memoryTokens.set('acct', TOKENS) }),
    },
    {
      key: 'cursor-get',
      label: 'cursor store get',
      redis: () => ({ op: () => redisCursors.get('poll') }),
      memory: () => ({ op: () => memoryCursors.get('poll') }),
    },
    {
      key: 'cursor-set',
      label: 'cursor store set',
      redis: () => ({ op: () => redisCursors.set('poll', CHECKPOINT) }),
      memory: () => ({ op: () => memoryCursors.set('poll', CHECKPOINT) }),
    },
    {
      key: 'limiter',
      label: 'rate limiter schedule (acquire + release), budget never reached',
      redis: limiterOp(() => createRedisRateLimiter({ client, key: `bench-open-${++run}`, prefix: 'bench:', policy: OPEN_POLICY })),
      memory: limiterOp(() => createLimiter(OPEN_POLICY)),
    },
  ];
}

/** Runs `total` calls of a fresh operation from `concurrency` lanes; wall and client CPU µs per call. */
async function measure(make: MakeOp, total: number, concurrency: number): Promise<{ wallUs: number; cpuUs: number }> {
  const { op, close } = make();
  let next = 0;
  const lane = async () => {
    while (next < total) await op(next++);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await close?.();
  return { wallUs: (wallMs * 1000) / total, cpuUs: (cpu.user + cpu.system) / total };
}

export async function storeOverhead(redis: RedisServer): Promise<OverheadCase[]> {
  const client = new Redis(redis.port, '127.0.0.1');
  await client.ping();
  const list = pairs(client);
  try {
    await createRedisTokenStore({ client, prefix: 'bench:' }).set('acct', TOKENS);
    await createRedisCursorStore({ client, prefix: 'bench:' }).set('poll', CHECKPOINT);
    await createRedisIdempotencyStore({ client, prefix: 'bench:seen:' }).once('evt_seen', outcome);
    type Sample = { redisWall: number[]; redisCpu: number[]; memoryWall: number[]; memoryCpu: number[] };
    const samples = new Map<string, Sample>();
    for (const pair of list) {
      // Warm-up: JIT, the connection, Redis's script cache.
      await measure(pair.redis, REDIS_OPS / 10, 16);
      await measure(pair.memory, MEMORY_OPS / 10, 16);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Round by round, so a noisy moment of the machine touches every case a little rather than one case a lot.
      for (const pair of list) {
        for (const c of CONCURRENCIES) {
          const key = `${pair.key}@${c}`;
          const s = samples.get(key) ?? { redisWall: [], redisCpu: [], memoryWall: [], memoryCpu: [] };
          samples.set(key, s);
          const r = await measure(pair.redis, REDIS_OPS, c);
          const m = await measure(pair.memory, MEMORY_OPS, c);
          s.redisWall.push(r.wallUs);
          s.redisCpu.push(r.cpuUs);
          s.memoryWall.push(m.wallUs);
          s.memoryCpu.push(m.cpuUs);
        }
      }
      progress(`store overhead: round ${round + 1}/${ROUNDS}`);
    }
    return list.flatMap((pair) =>
      CONCURRENCIES.map((c) => {
        const s = samples.get(`${pair.key}@${c}`)!;
        return {
          key: pair.key,
          label: pair.label,
          concurrency: c,
          redisWallUs: median(s.redisWall),
          redisCpuUs: median(s.redisCpu),
          memoryWallUs: median(s.memoryWall),
          memoryCpuUs: median(s.memoryCpu),
        };
      }),
    );
  } finally {
    client.disconnect();
  }
}
