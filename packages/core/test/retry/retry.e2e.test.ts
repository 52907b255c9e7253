import { afterEach, describe, expect, it } from 'vitest';
import { createClient, isNetworkError, type RetryEvent } from '../../src/index.js';
import { acme, FAST, KEYED, TOKEN } from './support/acme-connector.js';
import { freePort, type Loopback, startLoopback } from './support/loopback.js';

// Real node:http servers on 127.0.0.1: real sockets, real refusals and resets.
const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startLoopback>): Promise<Loopback> {
  const server = await startLoopback(...args);
  servers.push(server);
  return server;
}

const noKeys = acme({ retry: FAST });
const keyed = acme({ retry: FAST, idempotency: KEYED });

describe('retry against a real server', () => {
  it('sends a POST again with the same idempotency key until it succeeds, and a new key for the next operation', async () => {
    const server = await serve((_hit, i) => (i === 1 || i === 2 ? { status: 503 } : { status: 201, body: { id: `t${i}` } }));
    const client = createClient(keyed, { credentials: { token: TOKEN }, baseUrl: server.url });
    await expect(client.createThing({ name: 'first' })).resolves.toEqual({ id: 't0' });
    await expect(client.createThing({ name: 'second' })).resolves.toEqual({ id: 't3' });
    const keys = server.hits.map((h) => h.headers['idempotency-key']);
    expect(keys[1]).toBeDefined();
    expect(keys[1]).toBe(keys[2]);
    expect(keys[2]).toBe(keys[3]);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('retries a POST without a key when the connection is refused, as nothing reached the server', async () => {
    const port = await freePort();
    const client = createClient(noKeys, { credentials: { token: TOKEN }, baseUrl: `http://127.0.0.1:${port}`, retry: { minDelayMs: 50 } });
    const events: RetryEvent[] = [];
    let server: Promise<Loopback> | undefined;
    client.on('retry', (event) => {
      events.push(event);
      // The server comes up during the wait, on the port that refused the first attempt.
      server ??= serve(() => ({ status: 201, body: { id: 't1' } }), port);
    });
    await expect(client.createThing({ name: 'a' })).resolves.toEqual({ id: 't1' });
    // Usually one refusal; another if a jittered wait ended before the server was listening.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(new Set(events.map((e) => e.reason))).toEqual(new Set(['network: ECONNREFUSED']));
    expect((await server)?.hits).toHaveLength(1);
    expect((await server)?.hits[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('does not retry a POST without a key when the connection drops after it was sent', async () => {
    const server = await serve(() => ({ destroy: true }));
    const client = createClient(noKeys, { credentials: { token: TOKEN }, baseUrl: server.url });
    const error = await client.createThing({ name: 'a' }).catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ requestSent: true });
    expect(server.hits).toHaveLength(1);
  });

  it('retries the same dropped POST when it carries a key', async () => {
    const server = await serve((_hit, i) => (i === 0 ? { destroy: true } : { status: 201, body: { id: 't1' } }));
    const client = createClient(keyed, { credentials: { token: TOKEN }, baseUrl: server.url });
    await expect(client.createThing({ name: 'a' })).resolves.toEqual({ id: 't1' });
    expect(server.hits).toHaveLength(2);
    expect(server.hits[0]?.headers['idempotency-key']).toBe(server.hits[1]?.headers['idempotency-key']);
  });

  it('does not send the next attempt before Retry-After allows', async () => {
    const server = await serve((_hit, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { body: { ok: true } }));
    const client = createClient(acme(), { credentials: { token: TOKEN }, baseUrl: server.url });
    await expect(client.getThing({ id: '1' })).resolves.toEqual({ ok: true });
    expect(server.hits).toHaveLength(2);
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(1000);
  });
});
