import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientSettings, createClient, isApiError, isConfigurationError, type RetryEvent, type RetryPolicy } from '../../src/index.js';
import { acme, BASE, FAST, TOKEN } from './support/acme-connector.js';
import { script } from './support/msw-hits.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const THINGS = `${BASE}/things`;
const created = () => HttpResponse.json({ id: 't1' }, { status: 201 });
const status = (code: number, headers: Record<string, string> = {}) =>
  HttpResponse.json({ error: { message: `status ${code}` } }, { status: code, headers });

// No idempotency declaration: the provider is assumed to ignore keys.
function client(retry: RetryPolicy = FAST, settings: ClientSettings = {}) {
  const c = createClient(acme({ retry }), { credentials: { token: TOKEN }, ...settings });
  const retries: RetryEvent[] = [];
  c.on('retry', (e) => retries.push(e));
  return Object.assign(c, { retries });
}

describe('a write without a declared idempotency header', () => {
  it('sends no Idempotency-Key header of its own invention', async () => {
    const hits = script(server, 'post', THINGS, created);
    await client().createThing({ name: 'a' });
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('is not retried on a 503, even when a decide rule says retry', async () => {
    const hits = script(server, 'post', THINGS, () => status(503));
    const c = client({ ...FAST, decide: () => ({ retry: true, reason: 'always' }) });
    await expect(c.createThing({ name: 'a' })).rejects.toMatchObject({ status: 503 });
    expect(hits).toHaveLength(1);
  });

  it('is retried after a provider 429: the server refused it, so nothing was done', async () => {
    const hits = script(server, 'post', THINGS, (i) => (i === 0 ? status(429, { 'retry-after-ms': '5' }) : created()));
    const c = client();
    await expect(c.createThing({ name: 'a' })).resolves.toEqual({ id: 't1' });
    expect(hits).toHaveLength(2);
    expect(c.retries[0]?.reason).toBe('rate_limited: retry-after 5ms');
  });

  it("is retried when the connector's notProcessed rule says the failure proves nothing was done", async () => {
    const hits = script(server, 'post', THINGS, (i) => (i === 0 ? status(503, { 'x-not-processed': 'true' }) : created()));
    const notProcessed: RetryPolicy['notProcessed'] = (error) => isApiError(error) && error.headers?.['x-not-processed'] === 'true';
    const c = client({ ...FAST, notProcessed });
    await expect(c.createThing({ name: 'a' })).resolves.toEqual({ id: 't1' });
    expect(hits).toHaveLength(2);

    server.resetHandlers();
    const plain = script(server, 'post', THINGS, () => status(503));
    await expect(c.createThing({ name: 'a' })).rejects.toMatchObject({ status: 503 });
    expect(plain).toHaveLength(1);
  });

  it('is retried on a 503 when the call opts in with idempotent: true', async () => {
    const hits = script(server, 'post', THINGS, (i) => (i === 0 ? status(503) : created()));
    await expect(client().createThing({ name: 'a' }, { idempotent: true })).resolves.toEqual({ id: 't1' });
    expect(hits).toHaveLength(2);
  });

  it('is retried on a 503 when the operation is declared idempotent', async () => {
    const hits = script(server, 'post', `${THINGS}/upsert`, (i) => (i === 0 ? status(503) : created()));
    await expect(client().upsertThing({ id: 'x', name: 'a' })).resolves.toEqual({ id: 't1' });
    expect(hits).toHaveLength(2);
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('is retried on a 503 when the raw request is declared idempotent', async () => {
    const hits = script(server, 'post', `${BASE}/upsert`, (i) => (i === 0 ? status(503) : created()));
    await client().request({ method: 'POST', path: '/upsert', body: { id: 'x' }, idempotent: true });
    expect(hits).toHaveLength(2);
  });

  it('lets a call declare a GET not idempotent: it is then not repeated after a 503', async () => {
    const hits = script(server, 'get', `${THINGS}/1`, () => status(503));
    await expect(client().getThing({ id: '1' }, { idempotent: false })).rejects.toMatchObject({ status: 503 });
    expect(hits).toHaveLength(1);
  });

  it('refuses an idempotencyKey it has no way to send, before sending anything', async () => {
    const hits = script(server, 'post', THINGS, created);
    const error = await client()
      .createThing({ name: 'a' }, { idempotencyKey: 'order-42' })
      .catch((e: unknown) => e);
    expect(isConfigurationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/acme\.createThing/);
    expect((error as Error).message).toMatch(/idempotency: \{ header: 'Idempotency-Key' \}/);
    expect((error as Error).message).toMatch(/drop the idempotencyKey/);
    expect(hits).toHaveLength(0);
  });

  it('is retried after a 503 with the key once the client declares the header', async () => {
    const hits = script(server, 'post', THINGS, (i) => (i === 0 ? status(503) : created()));
    const c = client(FAST, { idempotency: { header: 'Idempotency-Key' } });
    await expect(c.createThing({ name: 'a' }, { idempotencyKey: 'order-42' })).resolves.toEqual({ id: 't1' });
    expect(hits.map((h) => h.headers.get('idempotency-key'))).toEqual(['order-42', 'order-42']);
  });
});
