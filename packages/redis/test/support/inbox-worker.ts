/**
 * One process of the multi-process inbox test, run with `node --import tsx
 * --conditions=@junction/source`. ROLE=receiver serves the inbox with
 * node:http on 127.0.0.1 and says 'ready' with its URL; ROLE=worker runs the
 * Stripe receiver's handler on queued events, deduping through the shared
 * Redis store, and appends each handled id to the Redis list HANDLED_KEY.
 * A worker fails the first attempt of every FAIL_EVERY-th event (so retries
 * run), and with STALL_AT=n hangs inside its n-th handler and says
 * 'stalled' (the test then kills it). CONCURRENCY sets how many events a
 * worker runs at once (default 8).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { Redis } from 'ioredis';
// @junction/payments is not a dependency of @junction/redis: its source, by path.
import { stripeConnector } from '../../../payments/src/stripe/index.js';
import { createWebhookInbox } from '../../src/inbox.js';
import { createRedisIdempotencyStore } from '../../src/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`inbox-worker needs ${name}`);
  return value;
};

const redis = new Redis(Number(env('REDIS_PORT')), '127.0.0.1', { maxRetriesPerRequest: null });
const prefix = env('PREFIX');
// A short lease, so a killed worker's claim lapses within the test, yet long enough that a loaded machine's pauses keep it.
const store = createRedisIdempotencyStore({ client: redis, prefix: `${prefix}:`, leaseMs: 3000 });
const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: env('SECRET') }, store });
const inbox = createWebhookInbox(receiver, { connection: redis, prefix, attempts: 5, backoff: { type: 'fixed', delay: 100 } });

if (env('ROLE') === 'receiver') {
  const server = createServer(createNodeMiddleware(inbox, { path: '/webhooks/stripe' }));
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe` });
  });
} else {
  const handledKey = env('HANDLED_KEY');
  const failEvery = Number(env('FAIL_EVERY'));
  const stallAt = Number(process.env.STALL_AT ?? 0);
  let started = 0;
  receiver.on('customer.created', async (event) => {
    await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
    if (++started === stallAt) {
      process.send?.({ type: 'stalled', id: event.id });
      await new Promise(() => {});
    }
    const n = Number(event.id.split('_').at(-1));
    // The first attempt of every failEvery-th event fails, whichever worker runs it.
    if (n % failEvery === 0 && (await redis.set(`${prefix}:failed-once:${event.id}`, '1', 'NX')) === 'OK') {
      throw new Error(`downstream refused ${event.id} (first attempt)`);
    }
    await redis.rpush(handledKey, event.id);
  });
  inbox.work({ concurrency: Number(process.env.CONCURRENCY ?? 8), lockMs: 3000 });
  process.send?.({ type: 'ready' });
}
