import { afterEach, describe, expect, it } from 'vitest';
import { defineSandbox, type LoopbackServer, startLoopbackServer, TokenBucket } from '../src/index.js';
import { shop } from './support/shop-connector.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('TokenBucket', () => {
  it('allows a burst of `capacity`, then refills at its rate', () => {
    let now = 0;
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4, now: () => now });
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 250]);
    now = 250;
    expect([bucket.take(), bucket.take()]).toEqual([0, 250]);
    now = 10_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 250]);
  });

  it('answers 429 with Retry-After and the limit headers once empty, before the handler runs', async () => {
    let now = 0;
    let served = 0;
    const sandbox = defineSandbox(
      shop,
      {
        ping: () => {
          served += 1;
          return { ok: true };
        },
      },
      { rateLimit: new TokenBucket({ capacity: 2, refillPerSecond: 0.5, now: () => now }) },
    );
    server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    const ping = () => fetch(`${server?.url}/api/v1/ping`);
    expect([(await ping()).status, (await ping()).status]).toEqual([200, 200]);
    const limited = await ping();
    expect(limited.status).toBe(429);
    expect(Object.fromEntries(limited.headers)).toMatchObject({
      'retry-after': '2',
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '0',
    });
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limited' } });
    expect(served).toBe(2);
    now = 2_000;
    expect((await ping()).status).toBe(200);
  });

  it("answers with the provider's own 429 when given one", async () => {
    let served = 0;
    const bucket = new TokenBucket({
      capacity: 1,
      refillPerSecond: 20,
      now: () => 0,
      respond: ({ retryAfterMs }) =>
        Response.json(
          { status: 'error', category: 'RATE_LIMITS' },
          { status: 429, headers: { 'retry-after': String(retryAfterMs / 1000) } },
        ),
    });
    const sandbox = defineSandbox(shop, { ping: () => ({ served: ++served }) }, { rateLimit: bucket });
    server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    const first = await fetch(`${server.url}/api/v1/ping`);
    const second = await fetch(`${server.url}/api/v1/ping`);
    expect(first.status).toBe(200);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('0.05');
    expect(await second.json()).toEqual({ status: 'error', category: 'RATE_LIMITS' });
    expect(served).toBe(1);
  });
});
