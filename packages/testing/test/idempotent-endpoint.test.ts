import { afterEach, describe, expect, it } from 'vitest';
import { idempotentEndpoint, type LoopbackServer, startLoopbackServer } from '../src/index.js';
import { networkCode } from './support/outcome.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A Stripe-like charges endpoint on a loopback server; charge ids count real creations. */
async function chargesServer(create?: (params: unknown) => object | Promise<object>) {
  let created = 0;
  const charges = idempotentEndpoint({
    method: 'post',
    path: '/v1/charges',
    create:
      create ??
      ((params) => {
        created += 1;
        return { id: `ch_${created}`, object: 'charge', params };
      }),
  });
  server = await startLoopbackServer({ handlers: [charges.handler] });
  const post = (body: string, key?: string) =>
    fetch(`${server!.url}/v1/charges`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(key ? { 'idempotency-key': key } : {}) },
      body,
    });
  return { server, charges, post };
}

describe('idempotentEndpoint on a loopback server', () => {
  it('replays the first response to a retry with the same key and parameters', async () => {
    const { charges, post } = await chargesServer();
    const first = await post('amount=1200&currency=eur', 'key-1');
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const created = await first.json();
    expect(created).toEqual({ id: 'ch_1', object: 'charge', params: { amount: '1200', currency: 'eur' } });

    const again = await post('amount=1200&currency=eur', 'key-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('original-request')).toBe(first.headers.get('request-id'));
    expect(await again.json()).toEqual(created);
    expect(charges.sideEffects()).toBe(1);
    expect(charges.keys()).toEqual(['key-1']);
  });

  it('answers 400 idempotency_error when the key comes back with other parameters', async () => {
    const { charges, post } = await chargesServer();
    await post('amount=1200', 'key-1');
    const res = await post('amount=9900', 'key-1');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('idempotency_error');
    expect(body.error.message).toMatch(/^Keys for idempotent requests can only be used with the same parameters they were first used with/);
    expect(charges.sideEffects()).toBe(1);
  });

  it('answers 409 idempotency_key_in_use while the first request with the key is still running', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const { charges, post } = await chargesServer(async () => {
      entered();
      await gate;
      return { id: 'ch_slow' };
    });

    const first = post('amount=1200', 'key-1');
    await inside;
    const second = await post('amount=1200', 'key-1');
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { type: 'idempotency_error', code: 'idempotency_key_in_use' } });

    release();
    expect(await (await first).json()).toEqual({ id: 'ch_slow' });
    const third = await post('amount=1200', 'key-1');
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(charges.sideEffects()).toBe(1);
  });

  it('performs a new side effect for every request without a key', async () => {
    const { charges, post } = await chargesServer();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(((await (await post('amount=1200')).json()) as { id: string }).id);
    expect(ids).toEqual(['ch_1', 'ch_2', 'ch_3']);
    expect(charges.sideEffects()).toBe(3);
    expect(charges.keys()).toEqual([]);
  });

  it('frees the key when create throws, so a retry performs the side effect', async () => {
    let attempts = 0;
    const { charges, post } = await chargesServer(() => {
      attempts += 1;
      if (attempts === 1) throw new Error('database unavailable');
      return { id: 'ch_ok' };
    });
    expect((await post('amount=1', 'key-1')).status).toBe(500);
    const retry = await post('amount=1', 'key-1');
    expect(await retry.json()).toEqual({ id: 'ch_ok' });
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(charges.sideEffects()).toBe(2);
  });

  it('replays a Response returned by create, status included, and forgets everything on reset()', async () => {
    const declined = idempotentEndpoint({
      method: 'POST',
      path: '/v1/charges',
      status: 201,
      create: (params) =>
        (params as { amount?: string }).amount === '0'
          ? Response.json({ error: { type: 'card_error', code: 'card_declined' } }, { status: 402 })
          : { id: 'ch_1' },
    });
    server = await startLoopbackServer({ handlers: [declined.handler] });
    const post = (body: string, key: string) =>
      fetch(`${server!.url}/v1/charges`, { method: 'POST', headers: { 'idempotency-key': key }, body: new URLSearchParams(body) });
    expect((await post('amount=5', 'a')).status).toBe(201);
    expect((await post('amount=0', 'b')).status).toBe(402);
    const replayed = await post('amount=0', 'b');
    expect(replayed.status).toBe(402);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(await replayed.json()).toEqual({ error: { type: 'card_error', code: 'card_declined' } });
    expect(declined.sideEffects()).toBe(2);

    declined.reset();
    expect(declined.sideEffects()).toBe(0);
    expect(declined.keys()).toEqual([]);
    expect((await post('amount=0', 'b')).headers.get('idempotent-replayed')).toBeNull();
  });

  it("composes with a reset 'after' processing: the retry with the same key gets the replay", async () => {
    const { server, charges, post } = await chargesServer();
    server.faults.set({ 1: { kind: 'reset', when: 'after' } });

    const lost = await post('amount=1200', 'key-1').catch((e: unknown) => e);
    expect(networkCode(lost)).toBe('ECONNRESET');
    expect(charges.sideEffects()).toBe(1);

    const retry = await post('amount=1200', 'key-1');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toMatchObject({ id: 'ch_1' });
    expect(charges.sideEffects()).toBe(1);
  });

  it('shows why keys matter: the same lost response without a key makes a duplicate', async () => {
    const { server, charges, post } = await chargesServer();
    server.faults.set({ 1: { kind: 'reset', when: 'after' } });
    await post('amount=1200').catch(() => undefined);
    expect(await (await post('amount=1200')).json()).toMatchObject({ id: 'ch_2' });
    expect(charges.sideEffects()).toBe(2);
  });
});
