/**
 * One process of the shared-limiter benchmark (started by shared-limiter.ts
 * with the bench's exec flags): a Junction client whose rate-limit bucket
 * lives in Redis (`createRedisLimiterRegistry`, `rateLimit: { key }`), with
 * core's default retry. It warms up first (WARMUP calls through a client
 * without a limiter), so the run measures the limiter rather than a cold
 * process; then on 'go' it starts CALLS calls at once, and reports 'done'
 * with how many succeeded and failed.
 */
import { createClient } from '@junction/core';
import { createRedisLimiterRegistry } from '@junction/redis';
import { Redis } from 'ioredis';
import { benchApi, CUSTOMER_ID, TOKEN } from './connector.js';

/** What a worker sends its parent. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'done'; succeeded: number; failed: number; firstFailure?: string; storeErrors: number };

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`shared-limiter-worker needs ${name}`);
  return value;
};

const calls = Number(env('CALLS'));
const limit = Number(env('LIMIT'));
const redis = new Redis(Number(env('REDIS_PORT')), '127.0.0.1');
let storeErrors = 0;
const limiters = createRedisLimiterRegistry({ client: redis, prefix: 'bench:', onError: () => storeErrors++ });
const client = createClient(benchApi, {
  credentials: { token: TOKEN },
  baseUrl: env('ORIGIN'),
  // Waits are bounded by the whole run (every process's calls at the limit), not by the default 60 s.
  rateLimit: { key: env('KEY'), requests: limit, intervalMs: 1000, maxQueued: calls * 2, maxWaitMs: Number(env('MAX_WAIT_MS')) },
  limiters,
});

// Loads what a first call loads (zod's parsers, retry's lazy module) and opens keep-alive connections the run reuses.
const cold = createClient(benchApi, { credentials: { token: TOKEN }, baseUrl: env('ORIGIN'), rateLimit: false });
const send = (message: WorkerMessage) => process.send?.(message);

process.once('message', async () => {
  const settled = await Promise.allSettled(Array.from({ length: calls }, () => client.getCustomer({ id: CUSTOMER_ID })));
  const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  const first = rejected[0]?.reason;
  send({
    type: 'done',
    succeeded: calls - rejected.length,
    failed: rejected.length,
    ...(first === undefined ? {} : { firstFailure: first instanceof Error ? first.message.slice(0, 160) : String(first) }),
    storeErrors,
  });
  await limiters.stop();
  redis.disconnect();
  process.disconnect();
});
// Connected before the start, so no process begins with a handshake the others have done.
await redis.ping();
await Promise.all(Array.from({ length: Number(env('WARMUP')) }, () => cold.getCustomer({ id: CUSTOMER_ID })));
send({ type: 'ready' });
