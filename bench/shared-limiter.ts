/**
 * 6. @junction/redis against a redis-server this benchmark starts on 127.0.0.1:
 *
 * - the shared rate limiter across 4 processes, each a Junction client with
 *   its bucket in Redis, against a loopback server that enforces 50 requests
 *   in any sliding second (429 with Retry-After past it): goodput and 429s;
 * - each Redis store's cost per call against its in-memory counterpart
 *   (lib/redis-store-overhead.ts).
 *
 *   pnpm --filter @junction/bench exec tsx shared-limiter.ts
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
// The Redis tests' throwaway server (vitest-free), so both start it the same way.
import { findRedisServer, MISSING_REDIS, type RedisServer, startRedisServer } from '../packages/redis/test/support/redis-process.js';
import { CHILD_EXEC_ARGV, isMain, QUICK, scaled } from './lib/env.js';
import { CUSTOMER_JSON } from './lib/payloads.js';
import { MEMORY_OPS, type OverheadCase, REDIS_OPS, ROUNDS, storeOverhead } from './lib/redis-store-overhead.js';
import { type BenchResult, finish, progress, type Target } from './lib/report.js';
import type { WorkerMessage } from './lib/shared-limiter-worker.js';
import { fmt, ratio } from './lib/stats.js';

const LIMIT = 50;
const PROCESSES = 4;
const CALLS = Number(process.env.BENCH_SHARED_CALLS ?? scaled(100, 25));
/** Calls each process makes before the run, without a limiter: under the limit together. */
const WARMUP = Math.floor((LIMIT * 0.8) / PROCESSES);
const WORKER = fileURLToPath(new URL('./lib/shared-limiter-worker.ts', import.meta.url));

export interface SharedLimiterRow {
  processes: number;
  callsPerProcess: number;
  limit: number;
  succeeded: number;
  failed: number;
  firstFailure?: string;
  storeErrors: number;
  seconds: number;
  serverOk: number;
  server429: number;
  share429: number;
  /** The most requests (of any answer) that arrived in any sliding second. */
  maxPerSecond: number;
  /** (succeeded − limit) / seconds (go to the last process done) / limit. */
  goodput: number;
  /** 1 s / the mean time from a 200 to the limit-th 200 after it (a gap the limit keeps at 1 s or more): the pace, without the run's start and end. */
  steadyGoodput: number;
  /** How long the last `limit` 200s took to arrive: how far one second's requests have spread by the end. */
  lastSecondSpreadMs: number;
}

export interface SharedLimiterData {
  limiter: SharedLimiterRow;
  overhead: OverheadCase[];
}

/** A loopback API that answers a Stripe customer, and 429 to any request past LIMIT in the last second (all requests count, as a provider counts them). */
async function slidingWindowServer() {
  const arrivals: number[] = [];
  const okAt: number[] = [];
  let head = 0;
  let rejected = 0;
  const body = Buffer.from(CUSTOMER_JSON);
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    request.resume();
    const now = performance.now();
    arrivals.push(now);
    while ((arrivals[head] ?? now) <= now - 1000) head++;
    if (arrivals.length - head > LIMIT) {
      rejected++;
      const error = JSON.stringify({ error: { type: 'rate_limit_error', message: 'Too many requests' } });
      // Whole seconds, rounded up, until the oldest request in the window leaves it.
      const retryAfter = Math.max(1, Math.ceil((arrivals[head]! + 1000 - now) / 1000));
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) }).end(error);
      return;
    }
    okAt.push(now);
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.byteLength) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    okAt,
    rejected: () => rejected,
    /** Forgets every request so far (the warm-up's). */
    reset() {
      arrivals.length = 0;
      okAt.length = 0;
      head = 0;
      rejected = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The most timestamps (ascending, ms) that fall in any window [t, t + 1000). */
function maxInAnySecond(sorted: readonly number[]): number {
  let most = 0;
  let tail = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[tail]! <= sorted[i]! - 1000) tail++;
    most = Math.max(most, i - tail + 1);
  }
  return most;
}

/** The mean of `sorted[i + k] − sorted[i]`: under a limit of k per sliding second, never below 1000 ms. */
function meanGapMs(sorted: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i + k < sorted.length; i++) sum += sorted[i + k]! - sorted[i]!;
  return sum / Math.max(1, sorted.length - k);
}

/** Starts one worker process under this Node, and resolves with it once it is connected to Redis. */
function startWorker(env: Record<string, string>) {
  const child = fork(WORKER, [], {
    execPath: process.execPath,
    execArgv: CHILD_EXEC_ARGV,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = <T extends WorkerMessage['type']>(type: T) =>
    new Promise<Extract<WorkerMessage, { type: T }>>((resolve, reject) => {
      child.on('message', (m: WorkerMessage) => {
        if (m.type === type) resolve(m as Extract<WorkerMessage, { type: T }>);
      });
      child.once('exit', (code, signal) => reject(new Error(`shared-limiter worker exited (${code ?? signal}) before '${type}'`)));
    });
  const ready = message('ready');
  const done = message('done');
  // Awaited below; a worker that dies is reported there, not as an unhandled rejection.
  done.catch(() => {});
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, ready, done, exited };
}

async function sharedLimiter(redis: RedisServer): Promise<SharedLimiterRow> {
  const api = await slidingWindowServer();
  const idealS = (PROCESSES * CALLS) / LIMIT;
  const env = {
    REDIS_PORT: String(redis.port),
    KEY: 'shared',
    LIMIT: String(LIMIT),
    ORIGIN: api.origin,
    CALLS: String(CALLS),
    MAX_WAIT_MS: String(Math.ceil(idealS * 3 * 1000)),
    WARMUP: String(WARMUP),
  };
  const workers = Array.from({ length: PROCESSES }, () => startWorker(env));
  try {
    await Promise.all(workers.map((w) => w.ready));
    // The warm-up's requests leave the server's window before the run starts.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    api.reset();
    const t0 = performance.now();
    for (const w of workers) w.child.send('go');
    const done = await Promise.all(workers.map((w) => w.done));
    const seconds = (performance.now() - t0) / 1000;
    await Promise.all(workers.map((w) => w.exited));
    const succeeded = done.reduce((sum, d) => sum + d.succeeded, 0);
    const failed = done.reduce((sum, d) => sum + d.failed, 0);
    const firstFailure = done.find((d) => d.firstFailure)?.firstFailure;
    return {
      processes: PROCESSES,
      callsPerProcess: CALLS,
      limit: LIMIT,
      succeeded,
      failed,
      ...(firstFailure ? { firstFailure } : {}),
      storeErrors: done.reduce((sum, d) => sum + d.storeErrors, 0),
      seconds,
      serverOk: api.okAt.length,
      server429: api.rejected(),
      share429: api.rejected() / Math.max(1, api.arrivals.length),
      maxPerSecond: maxInAnySecond(api.arrivals),
      goodput: (succeeded - LIMIT) / seconds / LIMIT,
      steadyGoodput: 1000 / meanGapMs(api.okAt, LIMIT),
      lastSecondSpreadMs: (api.okAt.at(-1) ?? 0) - (api.okAt.at(-LIMIT) ?? 0),
    };
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await api.close();
  }
}

export async function sharedLimiterBench(): Promise<BenchResult> {
  const startedAt = performance.now();
  const binary = findRedisServer();
  if (!binary) throw new Error(MISSING_REDIS);
  const redis = await startRedisServer(binary);
  let limiter: SharedLimiterRow;
  let overhead: OverheadCase[];
  try {
    limiter = await sharedLimiter(redis);
    progress(`shared limiter: ${fmt(limiter.seconds, 1)} s, goodput ${fmt(limiter.goodput, 3)}`);
    overhead = await storeOverhead(redis);
  } finally {
    await redis.stop();
  }
  const total = PROCESSES * CALLS;
  const targets: Target[] = [
    {
      name: `Shared Redis limiter, ${PROCESSES} processes`,
      target: '≥ 0.95 of the server’s limit, < 1% of requests answered 429',
      measured:
        `${fmt(limiter.goodput, 3)} of the limit, most in any second ${limiter.maxPerSecond}/${LIMIT}, ` +
        `${limiter.server429} × 429 (${fmt(limiter.share429 * 100, 2)}%), ${limiter.failed} calls failed`,
      // A smoke run is one second past the burst: too short for its goodput to mean anything.
      met: QUICK ? null : limiter.goodput >= 0.95 && limiter.share429 < 0.01 && limiter.failed === 0,
      ...(QUICK ? { why: 'BENCH_QUICK=1: one second past the burst, too short to judge goodput.' } : {}),
    },
  ];
  const data: SharedLimiterData = { limiter, overhead };
  return finish(
    {
      name: 'shared-limiter',
      title: '6. Shared Redis limiter and Redis stores',
      method: [
        'Redis: redis-server from PATH, started by the benchmark on a free port of 127.0.0.1 with no persistence, stopped at the end.',
        `Server: node:http on 127.0.0.1 in the benchmark’s process, at most ${LIMIT} requests in any sliding second (every request counts, 429s too); past it, 429 with \`Retry-After\` in whole seconds (rounded up) and a JSON error body.`,
        `${PROCESSES} processes (this Node, the bench’s exec flags), each a Junction client with \`rateLimit: { key, requests: ${LIMIT}, intervalMs: 1000 }\` and \`limiters: createRedisLimiterRegistry(…)\`, one bucket for all, and the default retry policy. ` +
          `Each connects to Redis and warms up (${WARMUP} calls through a client without a limiter: zod’s parsers, retry’s lazy module, keep-alive connections; the server then forgets them), then on a signal starts ${CALLS} calls at once (${total} in all; ideal time after the first second’s burst: ${fmt((total - LIMIT) / LIMIT, 0)} s).`,
        `Goodput = (calls succeeded − the first second’s burst of ${LIMIT}) / seconds from the signal to the last process done / the limit: in t seconds a sliding-second limit lets through at most ${LIMIT} × (t + 1), so 1.0 is the most there is. ` +
          `Steady pace = 1 s / the mean time between a 200 and the ${LIMIT}th 200 after it, as the server saw them: the rate the bucket keeps once running, without the first burst and the last second. ` +
          `Last second’s spread = how long the last ${LIMIT} 200s took to arrive (0 ms would be one burst).`,
        `Store overhead: one process, one ioredis connection on loopback, each operation run ${fmt(REDIS_OPS)} times against Redis and ${fmt(MEMORY_OPS)} times in memory, from 1 and from 16 concurrent lanes (each awaiting its call before the next); ` +
          `wall µs per call = elapsed / calls, CPU µs = process.cpuUsage() (this process only; Redis’s CPU not included) / calls; median of ${ROUNDS} rounds. ` +
          `Limiters: \`{ requests: 1e9, intervalMs: 1000 }\`, so no call waits: this is the cost of asking, not of waiting. Memory counterparts from @junction/core: createMemoryIdempotencyStore, memoryTokenStore, createMemoryCursorStore, createLimiter.`,
      ],
      tables: [
        {
          title: `${PROCESSES} processes × ${CALLS} calls against a ${LIMIT}/s sliding-window server, one shared bucket`,
          columns: [
            'succeeded',
            'failed',
            'server 200s',
            'server 429s',
            '429 share',
            'most in any second',
            'seconds',
            'goodput (× limit)',
            'steady pace (× limit)',
            'last second’s spread (ms)',
          ],
          rows: [
            [
              fmt(limiter.succeeded),
              fmt(limiter.failed),
              fmt(limiter.serverOk),
              fmt(limiter.server429),
              `${fmt(limiter.share429 * 100, 1)}%`,
              `${limiter.maxPerSecond} / ${LIMIT}`,
              fmt(limiter.seconds, 2),
              fmt(limiter.goodput, 3),
              fmt(limiter.steadyGoodput, 3),
              fmt(limiter.lastSecondSpreadMs),
            ],
          ],
          notes: [
            ...(limiter.firstFailure ? [`first failure: ${limiter.firstFailure}`] : []),
            ...(limiter.storeErrors > 0
              ? [`${limiter.storeErrors} Redis errors reported to onError (a release, a renewal or a pause not shared)`]
              : []),
          ],
        },
        {
          title: 'Each Redis store against its in-memory counterpart, per call',
          columns: ['operation', 'concurrency', 'Redis wall µs', 'memory wall µs', 'wall ×', 'Redis CPU µs', 'memory CPU µs', 'CPU ×'],
          rows: overhead.map((o) => [
            o.label,
            String(o.concurrency),
            fmt(o.redisWallUs, 1),
            fmt(o.memoryWallUs, 2),
            ratio(o.redisWallUs / o.memoryWallUs, 0),
            fmt(o.redisCpuUs, 1),
            fmt(o.memoryCpuUs, 2),
            ratio(o.redisCpuUs / o.memoryCpuUs, 0),
          ]),
        },
      ],
      targets,
      findings: [],
      data,
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (QUICK) progress('BENCH_QUICK=1: a smoke run, not a measurement');
  try {
    await sharedLimiterBench();
  } catch (error) {
    // No redis-server: one line saying how to get one; anything else with its stack.
    const missing = error instanceof Error && error.message === MISSING_REDIS;
    console.error(missing ? MISSING_REDIS : error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
  process.exit(0);
}
