import { type Fault, idempotentEndpoint, type RecordedRequest, seededRandom, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { bearer, createClient, defineConnector, defineOperation, isJunctionError } from '../../src/index.js';

const CALLS = 2_000;
const widgets = idempotentEndpoint({
  method: 'post',
  path: '/v1/widgets',
  status: 201,
  create: (params) => ({ id: `wid_${crypto.randomUUID()}`, ...(params as object) }),
});

/** The fault mix: 10% 429 (3% with a Retry-After, which pauses the whole bucket), 10% 5xx, 5% resets, some latency; half the 5xx and resets strike after the work was done. */
function faultMix(seed: number): (call: { index: number }) => Fault | undefined {
  const random = seededRandom(seed);
  return () => {
    const roll = random();
    const after = random() < 0.5 ? 'after' : 'before';
    const delayMs = Math.floor(random() * 15);
    if (roll < 0.03) return { kind: 'rateLimit', retryAfter: 0.1, delayMs };
    if (roll < 0.1) return { kind: 'rateLimit', delayMs };
    if (roll < 0.2) return { kind: 'serverError', status: 503, when: after, delayMs };
    if (roll < 0.25) return { kind: 'reset', when: after, delayMs };
    return delayMs > 10 ? { kind: 'latency', delayMs } : undefined;
  };
}

const connector = defineConnector({
  name: 'widgets',
  baseUrl: 'https://api.widgets.test',
  auth: bearer(),
  // The fake endpoint keeps each key's first answer, as Stripe does; without this declaration no create would be retried.
  idempotency: { header: 'Idempotency-Key' },
  operations: {
    createWidget: defineOperation({
      method: 'POST',
      path: '/v1/widgets',
      encoding: 'form',
      input: z.object({ name: z.string(), n: z.number() }),
      output: z.object({ id: z.string(), name: z.string() }),
    }),
  },
});

let server: Awaited<ReturnType<typeof startLoopbackServer>>;
beforeAll(async () => {
  server = await startLoopbackServer({ handlers: [widgets.handler], faults: faultMix(7) });
});
afterAll(() => server.close());

it('survives 2,000 creates under faults: every call settles typed, no duplicate side effect, no early retry', async () => {
  const client = createClient(connector, {
    credentials: { token: 'sk_soak_secret_token' },
    baseUrl: server.url,
    // A bulk job: the budget counts time queued behind the limiter, so it is generous.
    retry: { retries: 8, minDelayMs: 20, maxDelayMs: 500, budgetMs: 120_000 },
    rateLimit: { maxConcurrent: 32 },
  });
  const outcomes = await Promise.allSettled(Array.from({ length: CALLS }, (_, n) => client.createWidget({ name: `w${n}`, n })));

  // Every call ends in a result or a typed error.
  const failures = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
  expect(failures.filter((e) => !isJunctionError(e))).toEqual([]);
  const created = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  expect(created.length + failures.length).toBe(CALLS);
  expect(created.length).toBeGreaterThan(CALLS * 0.99);

  // No duplicate side effects: one creation per logical call, whatever was retried.
  const byKey = groupByKey(server.requests);
  expect(byKey.size).toBe(CALLS);
  expect(widgets.sideEffects()).toBeLessThanOrEqual(CALLS);
  expect(widgets.sideEffects()).toBe(widgets.keys().length);
  expect(new Set(created.map((w) => w.id)).size).toBe(created.length);
  expect(created.map((w) => w.name).sort()).toEqual(
    created
      .map((w) => w.name)
      .sort()
      .filter((v, i, a) => a.indexOf(v) === i),
  );

  // The faults really happened and were retried.
  const struck = server.requests.filter((r) => r.fault && r.fault.kind !== 'latency');
  expect(struck.length).toBeGreaterThan(CALLS * 0.2);
  expect(server.requests.length).toBeGreaterThan(CALLS + struck.length * 0.9);

  // Nothing was sent again before its Retry-After allowed.
  let checked = 0;
  for (const attempts of byKey.values()) {
    for (let i = 0; i < attempts.length - 1; i++) {
      const [answered, next] = [attempts[i], attempts[i + 1]] as [RecordedRequest, RecordedRequest];
      if (answered.fault?.kind === 'rateLimit' && answered.fault.retryAfter !== undefined) {
        checked++;
        expect(next.receivedAt - answered.receivedAt).toBeGreaterThanOrEqual(Number(answered.fault.retryAfter) * 1000);
      }
    }
  }
  expect(checked).toBeGreaterThan(30);
}, 120_000);

function groupByKey(requests: RecordedRequest[]): Map<string, RecordedRequest[]> {
  const byKey = new Map<string, RecordedRequest[]>();
  for (const request of requests) {
    const key = request.headers['idempotency-key'];
    if (!key) throw new Error(`a create was sent without an idempotency key: ${request.method} ${request.path}`);
    byKey.set(key, [...(byKey.get(key) ?? []), request]);
  }
  return byKey;
}
