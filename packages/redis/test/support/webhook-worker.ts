/**
 * One webhook-receiving process of the multi-process dedupe test, run by the
 * test with `node --import tsx --conditions=@junction/source`. It serves
 * core's receiver for the Stripe connector with node:http on 127.0.0.1 (a
 * free port), deduping through the Redis idempotency store its siblings
 * share, and appends the id of each event it handles to the Redis list
 * HANDLED_KEY. It says 'ready' with its URL, then serves until killed.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { Redis } from 'ioredis';
// @junction/payments is not a dependency of @junction/redis: its source, by path.
import { stripeConnector } from '../../../payments/src/stripe/index.js';
import { createRedisIdempotencyStore } from '../../src/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`webhook-worker needs ${name}`);
  return value;
};

const redis = new Redis(Number(env('REDIS_PORT')), '127.0.0.1');
const store = createRedisIdempotencyStore({ client: redis, prefix: env('PREFIX') });
const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: env('SECRET') }, store });
const handledKey = env('HANDLED_KEY');

receiver.on('customer.created', async (event) => {
  // A few ms of async work, so that a duplicate reaching a sibling meanwhile overlaps this run.
  await new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8));
  await redis.rpush(handledKey, event.id);
});

const server = createServer(createNodeMiddleware(receiver, { path: '/webhooks/stripe' }));
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe` });
});
