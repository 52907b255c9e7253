/**
 * One process of the shared-limiter test, run with `node --import tsx`:
 * CALLS calls to URL through a Redis rate limiter on the bucket KEY, each
 * treated as the client's rate-limit layer does (a 429 pauses the bucket for
 * its retry-after, then the call is tried again in a new slot). Reports
 * 'done' with how many calls succeeded and how many 429s it saw.
 */
import { Redis } from 'ioredis';
import { createRedisRateLimiter } from '../../src/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`limiter-worker needs ${name}`);
  return value;
};

const redis = new Redis(Number(env('REDIS_PORT')), '127.0.0.1');
const limiter = createRedisRateLimiter({ client: redis, key: env('KEY'), policy: { requests: Number(env('LIMIT')), intervalMs: 1000 } });
const url = env('URL');
let limited = 0;

async function call(): Promise<void> {
  for (;;) {
    const status = await limiter.schedule(async () => {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 429) await limiter.pause(Number(response.headers.get('retry-after')) * 1000);
      return response.status;
    });
    if (status !== 429) return;
    limited++;
  }
}

process.send?.({ type: 'ready' });
process.once('message', async () => {
  await Promise.all(Array.from({ length: Number(env('CALLS')) }, call));
  process.send?.({ type: 'done', limited });
  redis.disconnect();
});
