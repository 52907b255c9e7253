import { expect, it } from 'vitest';
import { deliveryOrder, pool } from './support/deliveries.js';
import { describeWithRedis } from './support/redis-server.js';
import { customerCreated, signedHeaders } from './support/stripe-events.js';
import { forkWorker, killWorkersAfterEach } from './support/worker-process.js';

const WORKER = new URL('./support/webhook-worker.ts', import.meta.url);

const PROCESSES = 4;
const EVENTS = 1_400;
const DUPLICATES = 600;
const IN_FLIGHT = 64;
const SECRET = 'whsec_junction_dedupe_processes_test';
const HANDLED_KEY = 'test:handled';

/** One POST as the parent saw it. */
interface Sent {
  eventId: string;
  worker: number;
  start: number;
  end: number;
  status: number;
  body: { handled?: number; duplicates?: number };
}

killWorkersAfterEach();

/** Forks a webhook worker and resolves with the URL it serves once it listens. */
async function startWorker(env: Record<string, string>): Promise<string> {
  const ready = await forkWorker(WORKER, env).message<{ url: string }>('ready');
  return ready.url;
}

describeWithRedis('webhook dedupe with the Redis idempotency store across real processes', (redis) => {
  it(`${PROCESSES} processes, ${EVENTS + DUPLICATES} signed Stripe deliveries with ${DUPLICATES} duplicates: each event handled exactly once`, async () => {
    const began = Date.now();
    const env = { REDIS_PORT: String(redis().port), PREFIX: 'dedupe:', SECRET, HANDLED_KEY };
    const urls = await Promise.all(Array.from({ length: PROCESSES }, () => startWorker(env)));

    const events = Array.from({ length: EVENTS }, () => customerCreated());
    const idOf = new Map(events.map((event) => [JSON.stringify(event), event.id]));
    const sent: Sent[] = [];
    await pool(deliveryOrder([...idOf.keys()], DUPLICATES), IN_FLIGHT, async (body) => {
      const worker = Math.floor(Math.random() * PROCESSES);
      const start = performance.now();
      // Signed when sent, as Stripe signs each attempt: a redelivery carries a new t=.
      const response = await fetch(urls[worker]!, {
        method: 'POST',
        headers: signedHeaders(SECRET, body),
        body,
      });
      const text = await response.text();
      sent.push({ eventId: idOf.get(body)!, worker, start, end: performance.now(), status: response.status, body: JSON.parse(text) });
    });

    const handled = await redis().client().lrange(HANDLED_KEY, 0, -1);
    const counts = new Map<string, number>();
    for (const id of handled) counts.set(id, (counts.get(id) ?? 0) + 1);
    const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    const lost = events.filter((event) => !counts.has(event.id)).map((event) => event.id);
    // Pairs of copies that were in flight at the same time at two different processes: the race the store must win.
    const copies = new Map<string, Sent[]>();
    for (const s of sent) copies.set(s.eventId, [...(copies.get(s.eventId) ?? []), s]);
    const raced = [...copies.values()].filter(([a, b]) => b && a!.worker !== b.worker && a!.start < b.end && b.start < a!.end).length;
    const answered = sent.reduce((n, s) => n + (s.body.handled ?? 0), 0);
    console.log(
      `webhook dedupe across ${PROCESSES} processes: ${sent.length} deliveries (${DUPLICATES} duplicates, ${raced} in flight with their twin on another process) → ` +
        `${counts.size} handled, ${twice.length} twice, ${lost.length} lost (${((Date.now() - began) / 1000).toFixed(1)} s)`,
    );

    const refused = sent.filter((s) => s.status < 200 || s.status > 299).map((s) => `${s.status} ${JSON.stringify(s.body)}`);
    // Counts and a few examples: a full list of ids would bury the figures.
    expect({ refused: refused.length, some: refused.slice(0, 3) }).toEqual({ refused: 0, some: [] });
    expect({ twice: twice.length, some: twice.slice(0, 3) }).toEqual({ twice: 0, some: [] });
    expect({ lost: lost.length, some: lost.slice(0, 3) }).toEqual({ lost: 0, some: [] });
    expect(counts.size).toBe(EVENTS);
    expect(handled).toHaveLength(EVENTS);
    // The answers agree: each event reported handled once, every other copy a duplicate.
    expect(answered).toBe(EVENTS);
    expect(sent.reduce((n, s) => n + (s.body.duplicates ?? 0), 0)).toBe(DUPLICATES);
    // Otherwise the test would prove nothing about concurrent duplicates.
    expect(raced).toBeGreaterThanOrEqual(50);
  }, 30_000);
});
