import { describe, expect, it } from 'vitest';
import { createWebhookReceiver, isEventHandlerError, type WebhookReceiver } from '../../src/webhooks/index.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, signedDelivery } from './support/payments-webhooks.js';
import { startNode } from './support/servers.js';

/** A deterministic PRNG (mulberry32), so a failing shuffle can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DISTINCT = 3500;

/**
 * 5,000 deliveries of 3,500 events (1,500 duplicates, 30%), shuffled, and a
 * receiver whose handler fails the first run of about one event in 20 and
 * counts completed runs per event id.
 */
function scenario(seed: number) {
  const rand = random(seed);
  const ids = Array.from({ length: DISTINCT }, (_, i) => `evt_${i}`);
  const deliveries = [...ids, ...Array.from({ length: 1500 }, () => ids[Math.floor(rand() * DISTINCT)]!)];
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j]!, deliveries[i]!];
  }
  const failFirst = new Set(ids.filter(() => rand() < 0.05));
  const completed = new Map<string, number>();
  const attempted = new Map<string, number>();
  const receiver: WebhookReceiver<typeof paymentsWebhooks> = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });
  receiver.on('payment_intent.succeeded', async (e) => {
    attempted.set(e.id, (attempted.get(e.id) ?? 0) + 1);
    await new Promise((r) => setImmediate(r));
    if (failFirst.has(e.id) && attempted.get(e.id) === 1) throw new Error(`flaky ${e.id}`);
    completed.set(e.id, (completed.get(e.id) ?? 0) + 1);
  });
  return { deliveries: deliveries.map((id) => signedDelivery(paymentSucceeded(id))), failFirst, completed, attempted, receiver };
}

/** Sends every delivery in waves of `width` concurrent ones, and redelivers the failed ones after each pass, as providers do. */
async function deliverUntilAccepted<D>(deliveries: D[], width: number, send: (d: D) => Promise<boolean>): Promise<number> {
  let queue = deliveries;
  let failures = 0;
  while (queue.length > 0) {
    const retry: D[] = [];
    for (let i = 0; i < queue.length; i += width) {
      const wave = queue.slice(i, i + width);
      const accepted = await Promise.all(wave.map(send));
      accepted.forEach((ok, k) => {
        if (ok) return;
        failures++;
        retry.push(wave[k]!);
      });
    }
    queue = retry;
  }
  return failures;
}

function expectExactlyOnce(s: ReturnType<typeof scenario>, failures: number): void {
  expect(s.deliveries).toHaveLength(5000);
  expect(s.failFirst.size).toBeGreaterThan(100);
  expect(failures).toBeGreaterThanOrEqual(s.failFirst.size);
  expect(s.completed.size).toBe(DISTINCT);
  expect([...s.completed].filter(([, count]) => count !== 1)).toEqual([]);
  expect([...s.failFirst].filter((id) => s.attempted.get(id) !== 2)).toEqual([]);
}

describe('a flood of deliveries', () => {
  it('handles 5,000 deliveries (30% duplicates, shuffled, some failing then redelivered) exactly once per event', async () => {
    const s = scenario(20240601);
    const failures = await deliverUntilAccepted(s.deliveries, 250, async (d) => {
      try {
        await s.receiver.receive(d);
        return true;
      } catch (error) {
        expect(isEventHandlerError(error)).toBe(true);
        return false;
      }
    });
    expectExactlyOnce(s, failures);
  });

  it('does the same over real HTTP through the node:http adapter, redelivering on every non-2xx answer', { timeout: 60_000 }, async () => {
    const s = scenario(7);
    const endpoint = await startNode(s.receiver, { onError: () => {} });
    const statuses = new Map<number, number>();
    try {
      const failures = await deliverUntilAccepted(s.deliveries, 50, async (d) => {
        const response = await fetch(endpoint.url, { method: 'POST', body: d.body, headers: d.headers });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        return response.ok;
      });
      expectExactlyOnce(s, failures);
      expect([...statuses.keys()].sort()).toEqual([200, 500]);
    } finally {
      await endpoint.close();
    }
  });
});
