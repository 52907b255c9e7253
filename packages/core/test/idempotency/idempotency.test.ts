import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClientSettings, createClient } from '../../src/index.js';
import { acme, BASE, FAST, KEYED, TOKEN } from '../retry/support/acme-connector.js';
import { type MswHit, script } from '../retry/support/msw-hits.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const THING = `${BASE}/things/1`;
const ok = () => HttpResponse.json({ ok: true });
const key = (hit: MswHit | undefined, header = 'idempotency-key') => hit?.headers.get(header) ?? undefined;

function client(connector = acme({ retry: FAST, idempotency: KEYED }), extra: ClientSettings = {}) {
  return createClient(connector, { credentials: { token: TOKEN }, ...extra });
}

describe('idempotency keys', () => {
  it('generates a v4 UUID for each POST and PATCH, a new one per logical operation', async () => {
    const posts = script(server, 'post', `${BASE}/things`, ok);
    const patches = script(server, 'patch', THING, ok);
    const c = client();
    await c.createThing({ name: 'a' });
    await c.createThing({ name: 'a' });
    await c.updateThing({ id: '1', name: 'b' });
    expect(key(posts[0])).toMatch(UUID_V4);
    expect(key(posts[1])).toMatch(UUID_V4);
    expect(key(posts[0])).not.toBe(key(posts[1]));
    expect(key(patches[0])).toMatch(UUID_V4);
  });

  it('sends no key on GET, PUT and DELETE', async () => {
    const gets = script(server, 'get', THING, ok);
    const puts = script(server, 'put', THING, ok);
    const deletes = script(server, 'delete', THING, () => new HttpResponse(null, { status: 204 }));
    const c = client();
    await c.getThing({ id: '1' });
    await c.replaceThing({ id: '1', name: 'b' });
    await c.deleteThing({ id: '1' });
    expect([gets, puts, deletes].map((hits) => hits[0]?.headers.has('idempotency-key'))).toEqual([false, false, false]);
  });

  it('gives a key to an operation declared not idempotent, whatever its method', async () => {
    const hits = script(server, 'put', `${THING}/charge`, ok);
    await client().chargeThing({ id: '1', amount: 5 });
    expect(key(hits[0])).toMatch(UUID_V4);
  });

  it('keeps the key fixed across retries', async () => {
    const hits = script(server, 'post', `${BASE}/things`, (i) => (i < 2 ? HttpResponse.json({}, { status: 500 }) : ok()));
    await client().createThing({ name: 'a' });
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => key(h)))).toEqual(new Set([key(hits[0])]));
  });

  it("uses the caller's key, given as an option or as the header itself", async () => {
    const hits = script(server, 'post', `${BASE}/things`, ok);
    const c = client();
    await c.createThing({ name: 'a' }, { idempotencyKey: 'order-42' });
    await c.createThing({ name: 'a' }, { headers: { 'Idempotency-Key': 'order-43' } });
    expect(hits.map((h) => key(h))).toEqual(['order-42', 'order-43']);
  });

  it('sends a caller-given key even on a GET', async () => {
    const hits = script(server, 'get', THING, ok);
    await client().getThing({ id: '1' }, { idempotencyKey: 'read-1' });
    expect(key(hits[0])).toBe('read-1');
  });

  it("derives the key from the input with the policy's key function", async () => {
    const hits = script(server, 'post', `${BASE}/things`, ok);
    const c = client(acme({ idempotency: { ...KEYED, key: (input) => `thing-${(input as { name: string }).name}` } }));
    await c.createThing({ name: 'abc' });
    await c.createThing({ name: 'abc' });
    expect(hits.map((h) => key(h))).toEqual(['thing-abc', 'thing-abc']);
  });

  it('generates a key when the key function has none for this input', async () => {
    const hits = script(server, 'post', `${BASE}/things`, ok);
    await client(acme({ idempotency: { ...KEYED, key: () => undefined } })).createThing({ name: 'abc' });
    expect(key(hits[0])).toMatch(UUID_V4);
  });

  it("sends it in the connector's header", async () => {
    const hits = script(server, 'post', `${BASE}/things`, ok);
    await client(acme({ idempotency: { header: 'X-Idempotency-Token' } })).createThing({ name: 'a' });
    expect(key(hits[0], 'x-idempotency-token')).toMatch(UUID_V4);
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('lets a connector without a header stamp the key into the body, the same on every retry', async () => {
    const hits = script(server, 'post', `${BASE}/things`, (i) => (i === 0 ? HttpResponse.json({}, { status: 503 }) : ok()));
    const c = client(
      acme({
        retry: FAST,
        idempotency: {
          header: false,
          apply: (ctx, k) => {
            ctx.body = JSON.stringify({ ...JSON.parse(typeof ctx.body === 'string' ? ctx.body : '{}'), request_id: k });
          },
        },
      }),
    );
    await c.createThing({ name: 'a' });
    expect(hits).toHaveLength(2);
    const bodies = hits.map((h) => JSON.parse(h.body) as { name: string; request_id: string });
    expect(bodies[0]).toMatchObject({ name: 'a', request_id: expect.stringMatching(UUID_V4) });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('sends no key when the connector declares none', async () => {
    const hits = script(server, 'post', `${BASE}/things`, ok);
    await client(acme()).createThing({ name: 'a' });
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it("lets a client turn the connector's header off with header: false, and then refuses a key it cannot send", async () => {
    const hits = script(server, 'post', `${BASE}/things`, ok);
    const c = client(undefined, { idempotency: { header: false } });
    await c.createThing({ name: 'a' });
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
    await expect(c.createThing({ name: 'a' }, { idempotencyKey: 'lost' })).rejects.toMatchObject({ name: 'ConfigurationError' });
    expect(hits).toHaveLength(1);
  });

  it("merges the client's settings over the connector's", async () => {
    const deletes = script(server, 'delete', THING, () => new HttpResponse(null, { status: 204 }));
    const posts = script(server, 'post', `${BASE}/things`, ok);
    const c = client(acme({ idempotency: { header: 'X-Connector-Key' } }), { idempotency: { methods: ['POST', 'DELETE'] } });
    await c.deleteThing({ id: '1' });
    await c.createThing({ name: 'a' });
    expect(key(deletes[0], 'x-connector-key')).toMatch(UUID_V4);
    expect(key(posts[0], 'x-connector-key')).toMatch(UUID_V4);
  });

  it('gives raw request() side effects a key too', async () => {
    const hits = script(server, 'post', `${BASE}/custom`, ok);
    await client().request({ method: 'POST', path: '/custom', body: { a: 1 } });
    expect(key(hits[0])).toMatch(UUID_V4);
  });
});
