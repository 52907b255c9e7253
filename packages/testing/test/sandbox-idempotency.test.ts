import { createClient } from '@junction/core';
import { afterEach, describe, expect, it } from 'vitest';
import { defineSandbox, IdempotencyLedger, type LoopbackServer, startLoopbackServer } from '../src/index.js';
import { shop } from './support/shop-connector.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(ledger: IdempotencyLedger, handle?: (release: Promise<void>) => Promise<void>) {
  let created = 0;
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const sandbox = defineSandbox(
    shop,
    {
      createItem: async ({ params }) => {
        created += 1;
        await handle?.(gate);
        return Response.json({ id: `item_${created}`, ...params }, { status: params.price === 0 ? 402 : 201 });
      },
    },
    { idempotency: ledger },
  );
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  const url = `${server.url}/api/v1/items`;
  const post = (key: string | undefined, body: unknown, extra: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}), ...extra },
      body: JSON.stringify(body),
    });
  return { post, created: () => created, release, server };
}

describe('the idempotency ledger in a sandbox', () => {
  it('replays the saved response to the same key and parameters, without doing the work again', async () => {
    const { post, created } = await start(new IdempotencyLedger());
    const first = await post('k1', { name: 'Lamp', price: 5 });
    // The same parameters in another order are the same request.
    const again = await post('k1', { price: 5, name: 'Lamp' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(await first.json());
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe('req_1');
    expect(created()).toBe(1);
  });

  it('refuses the same key with other parameters', async () => {
    const { post, created } = await start(new IdempotencyLedger());
    await post('k1', { name: 'Lamp', price: 5 });
    const other = await post('k1', { name: 'Lamp', price: 6 });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: { type: 'idempotency_error' } });
    expect(created()).toBe(1);
  });

  it('answers 409 while the first request with the key is still running', async () => {
    const { post, created, release } = await start(new IdempotencyLedger(), (gate) => gate);
    const first = post('k1', { name: 'Lamp', price: 5 });
    while (created() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await post('k1', { name: 'Lamp', price: 5 });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'idempotency_key_in_use' } });
    release();
    expect((await first).status).toBe(201);
    expect(created()).toBe(1);
  });

  it('saves only what the provider saves, and keeps keys apart per scope', async () => {
    const ledger = new IdempotencyLedger({
      header: 'X-Request-Key',
      saves: (status) => status < 400,
      scope: (request) => request.headers.get('account') ?? '',
      mismatch: (key) => Response.json({ code: 'key_reused', key }, { status: 422 }),
    });
    const { post, created } = await start(ledger);
    const send = (body: unknown, account = 'a') => post(undefined, body, { 'x-request-key': 'k', account });
    expect((await send({ name: 'Lamp', price: 0 })).status).toBe(402);
    // Not saved: the key is free for the corrected request.
    expect((await send({ name: 'Lamp', price: 3 })).status).toBe(201);
    expect((await send({ name: 'Lamp', price: 3 })).headers.get('idempotent-replayed')).toBe('true');
    expect(await (await send({ name: 'Lamp', price: 4 })).json()).toEqual({ code: 'key_reused', key: 'k' });
    expect((await send({ name: 'Lamp', price: 4 }, 'b')).status).toBe(201);
    expect(created()).toBe(3);
    expect(ledger.keys()).toEqual(['k', 'k']);
  });

  it("makes a core client's retried write happen once when its response is lost (a fault after the handler ran)", async () => {
    const { created } = await start(new IdempotencyLedger());
    server?.faults.set({ 1: { kind: 'reset', when: 'after' } });
    const api = createClient(shop, { credentials: { token: 't' }, baseUrl: `${server?.url}/api` });
    const item = await api.createItem({ name: 'Lamp', price: 5 });
    expect(item).toMatchObject({ id: 'item_1', name: 'Lamp' });
    expect(server?.requests.map((r) => r.fault?.kind ?? r.status)).toEqual(['reset', 201]);
    expect(server?.requests[0]?.headers['idempotency-key']).toBe(server?.requests[1]?.headers['idempotency-key']);
    expect(created()).toBe(1);
  });

  it('does the work every time without a key', async () => {
    const { post, created } = await start(new IdempotencyLedger());
    await post(undefined, { name: 'Lamp', price: 5 });
    await post(undefined, { name: 'Lamp', price: 5 });
    expect(created()).toBe(2);
  });
});
