import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient, type Middleware } from '../../src/index.js';
import { acme, BASE, FAST, KEYED, TOKEN } from '../retry/support/acme-connector.js';
import { deferred } from '../retry/support/loopback.js';
import { script } from '../retry/support/msw-hits.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** A middleware outside every built-in layer: it sees a call only once the call has a context. */
function witness() {
  const seen: string[] = [];
  const use: Middleware = (ctx, next) => {
    seen.push(String((ctx.input as { id?: string; name?: string }).id ?? (ctx.input as { name?: string }).name));
    return next(ctx);
  };
  return { seen, middleware: [{ use, position: { before: 'idempotency' } as const }] };
}

describe('admission: a queued call waits before its state is built', () => {
  it('builds no context (and runs no middleware) for a call still waiting for its first slot', async () => {
    const gate = deferred();
    script(server, 'get', `${BASE}/things/:id`, async () => {
      await gate.promise;
      return HttpResponse.json({ ok: true });
    });
    const { seen, middleware } = witness();
    const client = createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { maxConcurrent: 1 }, middleware });

    const calls = ['1', '2', '3'].map((id) => client.getThing({ id }));
    await vi.waitFor(() => expect(seen).toEqual(['1']));
    expect(seen).toEqual(['1']);
    gate.resolve();
    await Promise.all(calls);
    expect(seen).toEqual(['1', '2', '3']);
  });

  it('keeps one idempotency key for every attempt, and queues each retry for a slot of its own', async () => {
    const keys: (string | null)[] = [];
    let inFlight = 0;
    let most = 0;
    script(server, 'post', `${BASE}/things`, async (_, hit) => {
      const key = hit.headers.get('idempotency-key');
      const first = !keys.includes(key);
      keys.push(key);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return first ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ ok: true });
    });
    const client = createClient(acme({ idempotency: KEYED, retry: FAST }), {
      credentials: { token: TOKEN },
      rateLimit: { maxConcurrent: 1 },
    });

    await Promise.all([client.createThing({ name: 'a' }), client.createThing({ name: 'b' })]);
    expect(keys).toHaveLength(4);
    expect(most).toBe(1);
    // Each call's two attempts carry its own key, whatever order the bucket served them in.
    expect(new Set(keys).size).toBe(2);
    for (const key of new Set(keys)) expect(keys.filter((k) => k === key)).toHaveLength(2);
  });

  it('gives the slot back when a call fails before it is sent', async () => {
    const client = createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { maxConcurrent: 1, maxWaitMs: 200 } });
    script(server, 'get', `${BASE}/things/:id`, () => HttpResponse.json({ ok: true }));

    await expect(client.getThing({ id: '..' })).rejects.toMatchObject({ name: 'InputValidationError' });
    await expect(client.createThing({ name: 'x' }, { idempotencyKey: 'k1' })).rejects.toMatchObject({ name: 'ConfigurationError' });
    await expect(client.getThing({ id: '1' })).resolves.toEqual({ ok: true });
  });

  it('gives the slot back when a middleware answers without sending, so the next call is not held forever', async () => {
    const cached: Middleware = async () => ({ status: 200, headers: new Headers(), data: { cached: true }, url: `${BASE}/things/1` });
    const client = createClient(acme(), {
      credentials: { token: TOKEN },
      rateLimit: { maxConcurrent: 1, maxWaitMs: 1_000 },
      middleware: [{ use: cached, position: { before: 'idempotency' } }],
    });
    const results = await Promise.all([1, 2, 3].map((id) => client.getThing({ id: String(id) })));
    expect(results).toEqual([{ cached: true }, { cached: true }, { cached: true }]);
  });
});
