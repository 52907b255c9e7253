import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { type FaultPlan, type LoopbackServer, startLoopbackServer } from '../src/index.js';
import { networkCode, outcome } from './support/outcome.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server whose one endpoint counts how often its handler really ran. */
async function countingServer(faults?: FaultPlan) {
  const runs = { count: 0 };
  const handlers = [
    http.all('/v1/*', () => {
      runs.count += 1;
      return HttpResponse.json({ ok: true, run: runs.count });
    }),
  ];
  server = await startLoopbackServer({ handlers, ...(faults ? { faults } : {}) });
  return { server, runs, call: (path = '/v1/things', init?: RequestInit) => fetch(`${server!.url}${path}`, init) };
}

describe('fault kinds', () => {
  it('reset drops the connection: fetch rejects with ECONNRESET and the handler never runs', async () => {
    const { server, runs, call } = await countingServer({ 1: { kind: 'reset' } });
    const error = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(networkCode(error)).toBe('ECONNRESET');
    expect(runs.count).toBe(0);
    expect(server.requests[0]).toMatchObject({ fault: { kind: 'reset' } });
    expect(server.requests[0]?.status).toBeUndefined();
  });

  it('serverError answers 500 by default, or the status given', async () => {
    const { runs, call } = await countingServer({ 1: { kind: 'serverError' }, 2: { kind: 'serverError', status: 503 } });
    const first = await call();
    expect(first.status).toBe(500);
    expect(await first.json()).toMatchObject({ error: { type: 'api_error' } });
    expect((await call()).status).toBe(503);
    expect(runs.count).toBe(0);
  });

  it('rateLimit answers 429 with Retry-After in seconds when given, and without it otherwise', async () => {
    const { server, call } = await countingServer({
      1: { kind: 'rateLimit', retryAfter: 2 },
      2: { kind: 'rateLimit' },
      3: { kind: 'rateLimit', retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT', headers: { 'x-ratelimit-remaining': '0' } },
    });
    const withHeader = await call();
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers.get('retry-after')).toBe('2');
    expect(await withHeader.json()).toMatchObject({ error: { type: 'rate_limit_error' } });

    const without = await call();
    expect(without.status).toBe(429);
    expect(without.headers.has('retry-after')).toBe(false);

    const dated = await call();
    expect(dated.headers.get('retry-after')).toBe('Wed, 21 Oct 2037 07:28:00 GMT');
    expect(dated.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(server.requests.map((r) => r.status)).toEqual([429, 429, 429]);
  });

  it('malformed answers 200 application/json with a body that does not parse', async () => {
    const { call } = await countingServer({ 1: { kind: 'malformed' } });
    const res = await call();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });

  it('latency delays the response, then serves it normally', async () => {
    const { runs, call } = await countingServer({ 1: { kind: 'latency', delayMs: 150 } });
    const started = performance.now();
    const res = await call();
    const elapsed = performance.now() - started;
    expect(await res.json()).toEqual({ ok: true, run: 1 });
    expect(runs.count).toBe(1);
    // A lower bound only (a timer may fire a millisecond early); machines are too noisy for an upper one.
    expect(elapsed).toBeGreaterThanOrEqual(145);
  });

  it('delayMs on another fault waits before it strikes', async () => {
    const { call } = await countingServer({ 1: { kind: 'serverError', status: 502, delayMs: 120 } });
    const started = performance.now();
    expect((await call()).status).toBe(502);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });
});

describe("faults that strike 'after' the handler", () => {
  it('a reset after processing runs the handler but loses the response', async () => {
    const { server, runs, call } = await countingServer({ 1: { kind: 'reset', when: 'after' } });
    const error = await call('/v1/things', { method: 'POST', body: 'a=1' }).catch((e: unknown) => e);
    expect(networkCode(error)).toBe('ECONNRESET');
    expect(runs.count).toBe(1);
    expect(server.requests[0]?.fault).toEqual({ kind: 'reset', when: 'after' });
    // The next call is served and shows the first one did happen.
    expect(await (await call()).json()).toEqual({ ok: true, run: 2 });
  });

  it('a 5xx after processing replaces the response the handler made', async () => {
    const { runs, call } = await countingServer({ 1: { kind: 'serverError', status: 503, when: 'after' } });
    expect((await call()).status).toBe(503);
    expect(runs.count).toBe(1);
  });

  it('the same fault before the handler leaves it unrun', async () => {
    const { runs, call } = await countingServer({ 1: { kind: 'serverError', status: 503, when: 'before' } });
    expect((await call()).status).toBe(503);
    expect(runs.count).toBe(0);
  });
});

describe('choosing faults', () => {
  it('a script strikes by call number, 1-based', async () => {
    const { server, call } = await countingServer({ 3: { kind: 'serverError', status: 503 }, 5: { kind: 'reset' } });
    const seen = [];
    for (let i = 0; i < 6; i++) seen.push(await outcome(call()));
    expect(seen).toEqual([200, 200, 503, 200, 'ECONNRESET', 200]);
    expect(server.requests.map((r) => r.fault?.kind)).toEqual([undefined, undefined, 'serverError', undefined, 'reset', undefined]);
  });

  it('a function decides from the call index and the request', async () => {
    const { call } = await countingServer(({ index, request }) =>
      request.method === 'POST' && index % 2 === 0 ? { kind: 'rateLimit', retryAfter: 1 } : undefined,
    );
    const seen = [];
    for (const method of ['POST', 'POST', 'GET', 'GET', 'POST']) seen.push(await outcome(call('/v1/things', { method })));
    expect(seen).toEqual([200, 429, 200, 200, 200]);
  });

  it('a fault with match strikes only the requests it matches', async () => {
    const { call } = await countingServer(() => ({ kind: 'serverError', match: { method: 'post', path: '/v1/charges/:id' } }));
    expect(await outcome(call('/v1/charges/ch_1'))).toBe(200);
    expect(await outcome(call('/v1/refunds/re_1', { method: 'POST' }))).toBe(200);
    expect(await outcome(call('/v1/charges/ch_1', { method: 'POST' }))).toBe(500);
  });

  it('a scoped plan counts only the requests it matches', async () => {
    const { call } = await countingServer({ match: { path: /^\/v1\/charges/ }, plan: { 2: { kind: 'reset' } } });
    const seen = [];
    for (const path of ['/v1/charges', '/v1/tokens', '/v1/tokens', '/v1/charges', '/v1/charges']) seen.push(await outcome(call(path)));
    expect(seen).toEqual([200, 200, 200, 'ECONNRESET', 200]);
  });

  it('rates with a seed give the same sequence every time, and another seed another one', async () => {
    const plan = (seed: number): FaultPlan => ({
      seed,
      rateLimit: 0.15,
      serverError: { rate: 0.15, status: 502 },
      reset: 0.1,
      malformed: 0.1,
    });
    const { server, call } = await countingServer();
    const run = async (seed: number) => {
      server.faults.set(plan(seed));
      const seen: (number | string)[] = [];
      for (let i = 0; i < 40; i++) seen.push(await outcome(call()));
      return seen;
    };
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    // The sequence really mixes faults with successes.
    expect(new Set(first)).toEqual(new Set([200, 429, 502, 'ECONNRESET']));
  });

  it('rate-based latency draws from the range for every request', async () => {
    const { server, call } = await countingServer({ seed: 3, latencyMs: [30, 60] });
    for (let i = 0; i < 5; i++) await call();
    const delays = server.requests.map((r) => (r.fault?.kind === 'latency' ? r.fault.delayMs : -1));
    expect(delays.every((d) => d >= 30 && d <= 60)).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('faults.set and faults.clear change a running server', async () => {
    const { server, call } = await countingServer();
    expect(await outcome(call())).toBe(200);
    server.faults.set({ 1: { kind: 'serverError', status: 504 } });
    expect(server.faults.plan).toEqual({ 1: { kind: 'serverError', status: 504 } });
    // Call numbers start over with the new plan.
    expect(await outcome(call())).toBe(504);
    server.faults.set({ 1: { kind: 'rateLimit' } });
    server.faults.clear();
    expect(server.faults.plan).toBeUndefined();
    expect(await outcome(call())).toBe(200);
  });

  it('rejects plans that make no sense, keeping the one in force', async () => {
    const { server } = await countingServer({ 1: { kind: 'reset' } });
    expect(() => server.faults.set({ serverError: 0.7, reset: 0.5 })).toThrow(/add up to 1.2/);
    expect(() => server.faults.set({ serverError: -0.1 })).toThrow(RangeError);
    expect(() => server.faults.set({ 3: { kind: 'reset' }, reset: 0.1 } as FaultPlan)).toThrow(
      /cannot mix call numbers \(3\) with other keys \(reset\)/,
    );
    expect(() => server.faults.set({ serverErrors: 0.1 } as FaultPlan)).toThrow(/Unknown fault plan keys: serverErrors/);
    expect(() => server.faults.set({ 0: { kind: 'reset' } })).toThrow(/call numbers from 1/);
    expect(server.faults.plan).toEqual({ 1: { kind: 'reset' } });
  });
});
