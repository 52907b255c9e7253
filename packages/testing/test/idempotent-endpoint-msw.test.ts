import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { idempotentEndpoint, startLoopbackServer } from '../src/index.js';

// One definition of the fake provider, as a connector's sandbox would ship it.
const charges = idempotentEndpoint({
  method: 'post',
  path: 'https://api.payments.test/v1/charges',
  status: 201,
  create: (params) => ({ id: `ch_${charges.sideEffects()}`, params }),
});

const post = (base: string, body: unknown, key?: string) =>
  fetch(`${base}/v1/charges`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });

beforeEach(() => charges.reset());

describe('idempotentEndpoint under msw setupServer', () => {
  const msw = setupServer(charges.handler);
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => msw.close());

  it('replays, rejects other parameters, and counts side effects in process', async () => {
    const first = await post('https://api.payments.test', { amount: 1200 }, 'key-1');
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id: 'ch_1', params: { amount: 1200 } });

    const replay = await post('https://api.payments.test', { amount: 1200 }, 'key-1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual({ id: 'ch_1', params: { amount: 1200 } });

    expect((await post('https://api.payments.test', { amount: 5 }, 'key-1')).status).toBe(400);
    await post('https://api.payments.test', { amount: 5 });
    expect(charges.sideEffects()).toBe(2);
  });
});

describe('the same handler on a loopback server', () => {
  it('behaves the same over real sockets', async () => {
    const server = await startLoopbackServer({ handlers: [charges.handler], origin: 'https://api.payments.test' });
    try {
      const first = await post(server.url, { amount: 1200 }, 'key-2');
      const replay = await post(server.url, { amount: 1200 }, 'key-2');
      expect(first.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await replay.json()).toEqual(await first.json());
      expect(charges.sideEffects()).toBe(1);
    } finally {
      await server.close();
    }
  });
});
