import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { deliveryOrder, pool } from './support/deliveries.js';
import { describeWithRedis } from './support/redis-server.js';
import { customerCreated, signedHeaders } from './support/stripe-events.js';
import { forkWorker, killWorkersAfterEach } from './support/worker-process.js';

const WORKER = new URL('./support/inbox-worker.ts', import.meta.url);
const RECEIVERS = 2;
const WORKERS = 3;
const EVENTS = 1_400;
const DUPLICATES = 600;
const IN_FLIGHT = 64;
// Every FAIL_EVERY-th event fails its first attempt; the first worker hangs in its STALL_AT-th handler and is killed there.
// It runs one event at a time: a worker killed with others in flight may die between one's side effect and its
// dedupe record, and that event runs again (at least once, as docs/webhooks.md says); the others run eight.
const FAIL_EVERY = 25;
const STALL_AT = 60;
const SECRET = 'whsec_junction_inbox_processes_test';
const PREFIX = 'inbox-processes';
const HANDLED_KEY = `${PREFIX}:handled`;

killWorkersAfterEach();

describeWithRedis('the webhook inbox across real processes', (redis) => {
  it(`${RECEIVERS} receivers and ${WORKERS} workers, ${EVENTS + DUPLICATES} deliveries with ${DUPLICATES} duplicates, a worker killed mid-handler: each event handled once, none lost`, async () => {
    const began = Date.now();
    const env = { REDIS_PORT: String(redis().port), PREFIX, SECRET, HANDLED_KEY, FAIL_EVERY: String(FAIL_EVERY) };
    const receivers = Array.from({ length: RECEIVERS }, () => forkWorker(WORKER, { ...env, ROLE: 'receiver' }));
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      forkWorker(WORKER, { ...env, ROLE: 'worker', ...(i === 0 ? { STALL_AT: String(STALL_AT), CONCURRENCY: '1' } : {}) }),
    );
    const urls = await Promise.all(receivers.map((r) => r.message<{ url: string }>('ready').then((m) => m.url)));
    await Promise.all(workers.map((w) => w.message('ready')));
    const doomed = workers[0]!;
    const killed = doomed.message<{ id: string }>('stalled').then((stalled) => {
      doomed.child.kill('SIGKILL');
      return stalled.id;
    });

    const events = Array.from({ length: EVENTS }, (_, n) => customerCreated(`evt_inbox_${n}`));
    const statuses = new Map<number, number>();
    const answerMs: number[] = [];
    await pool(
      deliveryOrder(
        events.map((event) => JSON.stringify(event)),
        DUPLICATES,
      ),
      IN_FLIGHT,
      async (body) => {
        const started = performance.now();
        const response = await fetch(urls[Math.floor(Math.random() * RECEIVERS)]!, {
          method: 'POST',
          headers: signedHeaders(SECRET, body),
          body,
        });
        await response.text();
        answerMs.push(performance.now() - started);
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      },
    );
    const killedIn = await killed;

    // Done when every event is handled and the queue holds nothing more (an extra run would show as a longer list).
    const client = redis().client();
    const queue = new Queue('webhooks.stripe', { connection: new Redis(redis().port, '127.0.0.1'), prefix: PREFIX });
    const pending = async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).reduce((a, b) => a + b, 0);
    };
    const deadline = Date.now() + 30_000;
    while ((await client.llen(HANDLED_KEY)) < EVENTS || (await pending()) > 0) {
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const failedForGood = await queue.getFailedCount();
    await queue.close();

    const handled = await client.lrange(HANDLED_KEY, 0, -1);
    const counts = new Map<string, number>();
    for (const id of handled) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const lost = events.filter((event) => !counts.has(event.id)).map((event) => event.id);
    const retried = (await client.keys(`${PREFIX}:failed-once:*`)).length;
    answerMs.sort((a, b) => a - b);
    console.log(
      `webhook inbox: ${RECEIVERS} receivers, ${WORKERS} workers, ${EVENTS + DUPLICATES} deliveries (${DUPLICATES} duplicates) → ` +
        `answered ${JSON.stringify(Object.fromEntries(statuses))} (p50 ${answerMs[answerMs.length >> 1]!.toFixed(1)} ms), ` +
        `${counts.size} handled, ${twice.length} twice, ${lost.length} lost, ${retried} retried after a failure, ` +
        `1 worker killed inside the handler of ${killedIn}, ${failedForGood} dead letters (${((Date.now() - began) / 1000).toFixed(1)} s)`,
    );

    expect(Object.fromEntries(statuses)).toEqual({ 200: EVENTS + DUPLICATES });
    expect({ twice: twice.length, some: twice.slice(0, 3) }).toEqual({ twice: 0, some: [] });
    expect({ lost: lost.length, some: lost.slice(0, 3) }).toEqual({ lost: 0, some: [] });
    expect(handled).toHaveLength(EVENTS);
    expect(counts.get(killedIn)).toBe(1);
    expect(retried).toBe(Math.ceil(EVENTS / FAIL_EVERY));
    expect(failedForGood).toBe(0);
  }, 60_000);
});
