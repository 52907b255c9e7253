import { createWebhookReceiver, isWebhookVerificationError } from '@junction/core';
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
// @junction/payments is not a dependency of @junction/redis: its source, by path.
import { stripeConnector } from '../../payments/src/stripe/index.js';
import { createWebhookInbox, type DeadLetter, type WebhookInbox } from '../src/inbox.js';
import { createRedisIdempotencyStore, isRedisStoreError } from '../src/index.js';
import { freePort } from './support/redis-process.js';
import { describeWithRedis } from './support/redis-server.js';
import { customerCreated, signedHeaders } from './support/stripe-events.js';

const SECRET = 'whsec_junction_inbox_test';
const inboxes: WebhookInbox[] = [];
let run = 0;

afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.close()));
});

/** A signed delivery of a `customer.created` event. */
function delivery(id: string) {
  const body = JSON.stringify(customerCreated(id));
  return { body, headers: signedHeaders(SECRET, body) };
}

/** Resolves once `predicate` holds, checking every 20 ms; fails after 10 s. */
async function until(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describeWithRedis('the webhook inbox (BullMQ)', (redis) => {
  /** A receiver deduping through Redis, and an inbox on a queue of its own for each test. */
  function setup(inboxOptions: { attempts?: number } = {}) {
    const prefix = `inbox-test-${++run}`;
    const connection = new Redis(redis().port, '127.0.0.1', { maxRetriesPerRequest: null });
    const store = createRedisIdempotencyStore({ client: connection, prefix: `${prefix}:` });
    const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: SECRET }, store });
    const inbox = createWebhookInbox(receiver, {
      connection,
      prefix,
      backoff: { type: 'fixed', delay: 20 },
      ...inboxOptions,
    });
    inboxes.push(inbox);
    return { receiver, inbox };
  }

  it('queues a verified delivery and answers before any handler runs; a worker then handles it once, duplicates included', async () => {
    const { receiver, inbox } = setup();
    const handled: string[] = [];
    receiver.on('customer.created', (event) => {
      handled.push(event.id);
    });
    const first = await inbox.receive(delivery('evt_1'));
    expect(first.events).toEqual([{ id: 'evt_1', type: 'customer.created', outcome: 'queued' }]);
    expect(handled).toEqual([]);
    await inbox.receive(delivery('evt_1'));
    inbox.work({ concurrency: 4 });
    await until(() => handled.length > 0, 'the event to be handled');
    // A redelivery after it was handled is dropped by the receiver's store.
    await inbox.receive(delivery('evt_1'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(handled).toEqual(['evt_1']);
  });

  it('refuses a delivery that fails verification, queueing nothing', async () => {
    const { inbox } = setup();
    const forged = { ...delivery('evt_forged'), body: '{"id":"evt_forged","type":"customer.created"}' };
    await expect(inbox.receive(forged)).rejects.toSatisfy(isWebhookVerificationError);
    expect(await inbox.deadLetters()).toEqual([]);
  });

  it('retries a failing handler with backoff until it succeeds, and runs it to success once', async () => {
    const { receiver, inbox } = setup({ attempts: 4 });
    let calls = 0;
    let succeeded = 0;
    receiver.on('customer.created', () => {
      if (++calls < 3) throw new Error(`flaky downstream (${calls})`);
      succeeded++;
    });
    inbox.work();
    await inbox.receive(delivery('evt_flaky'));
    await until(() => succeeded > 0, 'the third attempt');
    expect({ calls, succeeded }).toEqual({ calls: 3, succeeded: 1 });
  });

  it('keeps an event whose every attempt failed as a dead letter, lists it, and replays it once fixed', async () => {
    const { receiver, inbox } = setup({ attempts: 2 });
    let broken = true;
    const handled: string[] = [];
    receiver.on('customer.created', (event) => {
      if (broken) throw new Error('the CRM is down');
      handled.push(event.id);
    });
    const letters: DeadLetter[] = [];
    inbox.work({ onDeadLetter: (letter) => letters.push(letter) });
    await inbox.receive(delivery('evt_poison'));
    await until(() => letters.length > 0, 'the dead letter');
    expect(letters[0]).toMatchObject({ event: { id: 'evt_poison', type: 'customer.created' }, attempts: 2 });
    expect(letters[0]!.error).toContain('the CRM is down');
    const [listed] = await inbox.deadLetters();
    expect(listed).toMatchObject({ event: { id: 'evt_poison' }, attempts: 2 });
    expect(listed!.failedAt).toBeInstanceOf(Date);
    // A redelivery while it is a dead letter does not run it: replay does.
    await inbox.receive(delivery('evt_poison'));
    broken = false;
    expect(await inbox.replay('evt_unknown')).toBe(0);
    expect(await inbox.replay('evt_poison')).toBe(1);
    await until(() => handled.length > 0, 'the replayed event');
    expect(handled).toEqual(['evt_poison']);
    expect(await inbox.deadLetters()).toEqual([]);
  });

  it('replay() with no id queues every dead letter again', async () => {
    const { receiver, inbox } = setup({ attempts: 1 });
    let broken = true;
    const handled = new Set<string>();
    receiver.on('customer.created', (event) => {
      if (broken) throw new Error('down');
      handled.add(event.id);
    });
    inbox.work({ concurrency: 3 });
    for (const id of ['evt_a', 'evt_b', 'evt_c']) await inbox.receive(delivery(id));
    await until(async () => (await inbox.deadLetters()).length === 3, 'three dead letters');
    broken = false;
    expect(await inbox.replay()).toBe(3);
    await until(() => handled.size === 3, 'the three replayed events');
  });

  it('rejects with a RedisStoreError, in bounded time, when Redis does not take the events', async () => {
    const port = await freePort();
    const connection = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: null, lazyConnect: true });
    connection.on('error', () => {});
    const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: SECRET } });
    const errors: Error[] = [];
    const inbox = createWebhookInbox(receiver, { connection, commandTimeoutMs: 300, onError: (e) => errors.push(e) });
    const started = Date.now();
    const error = await inbox.receive(delivery('evt_nowhere')).catch((e: unknown) => e);
    expect(isRedisStoreError(error) && error.operation).toBe('inbox.enqueue');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(errors.length).toBeGreaterThan(0);
    connection.disconnect();
  });
});
