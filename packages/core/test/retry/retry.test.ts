import { delay, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type ApiError,
  createClient,
  isApiError,
  isNetworkError,
  isRateLimitError,
  isTimeoutError,
  RateLimitError,
  type RateLimitedEvent,
  type RetryEvent,
  type RetryPolicy,
} from '../../src/index.js';
import { fullJitterDelay } from '../../src/retry/backoff.js';
import { acme, BASE, FAST, KEYED, TOKEN } from './support/acme-connector.js';
import { script } from './support/msw-hits.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const THING = `${BASE}/things/1`;
const ok = () => HttpResponse.json({ id: '1', ok: true });
const status = (code: number, headers: Record<string, string> = {}, body: JsonBodyType = { error: { message: `status ${code}` } }) =>
  HttpResponse.json(body, { status: code, headers });

function client(retry: RetryPolicy | false = FAST, connector = acme({ retry: FAST })) {
  const c = createClient(connector, { credentials: { token: TOKEN }, retry, idempotency: {} });
  const retries: RetryEvent[] = [];
  const paused: RateLimitedEvent[] = [];
  c.on('retry', (e) => retries.push(e));
  c.on('rateLimited', (e) => paused.push(e));
  return Object.assign(c, { retries, paused });
}

describe('which failures are retried', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries a GET answered %i, then returns the success', async (code) => {
    const hits = script(server, 'get', THING, (i) => (i === 0 ? status(code) : ok()));
    const c = client();
    await expect(c.getThing({ id: '1' })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
    expect(c.retries).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 409, 422])('does not retry a GET answered %i', async (code) => {
    const hits = script(server, 'get', THING, () => status(code));
    const c = client();
    const error = await c.getThing({ id: '1' }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect((error as ApiError).status).toBe(code);
    expect(hits).toHaveLength(1);
    expect(c.retries).toHaveLength(0);
  });

  it('retries a network error', async () => {
    const hits = script(server, 'get', THING, (i) => (i === 0 ? HttpResponse.error() : ok()));
    const c = client();
    await expect(c.getThing({ id: '1' })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
    expect(c.retries[0]?.reason).toMatch(/^network: /);
    expect(isNetworkError(c.retries[0]?.error)).toBe(true);
  });

  it('retries an attempt that timed out', async () => {
    const hits = script(server, 'get', THING, async (i) => {
      if (i === 0) await delay(300);
      return ok();
    });
    const c = client();
    await expect(c.getThing({ id: '1' }, { timeoutMs: 50 })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
    expect(c.retries[0]?.reason).toBe('timeout: 50ms');
    expect(isTimeoutError(c.retries[0]?.error)).toBe(true);
  });

  it('reports each retry with its reason, the failed attempt number and a redacted URL', async () => {
    script(server, 'get', THING, (i) => [status(503), status(429, { 'retry-after-ms': '5' }), HttpResponse.error(), ok()][i] ?? ok());
    const c = createClient(acme({ retry: FAST }), { credentials: { token: TOKEN }, secrets: ['sig-secret-value'] });
    const events: RetryEvent[] = [];
    c.on('retry', (e) => events.push(e));
    await c.request({ method: 'GET', path: '/things/1?sig=sig-secret-value' });
    expect(events.map((e) => [e.attempt, e.reason.replace(/: .*$/, '')])).toEqual([
      [1, 'server_error'],
      [2, 'rate_limited'],
      [3, 'network'],
    ]);
    expect(events[0]).toMatchObject({ connector: 'acme', method: 'GET', reason: 'server_error: 503' });
    expect(events[1]).toMatchObject({ reason: 'rate_limited: retry-after 5ms', delayMs: 5 });
    expect(events[0]?.url).toBe(`${THING}?sig=[REDACTED]`);
    expect(JSON.stringify(events.map((e) => e.url))).not.toContain('sig-secret-value');
  });
});

describe('how long it waits', () => {
  const inSeconds = (s: number) => String(Math.floor(Date.now() / 1000) + s);
  it.each([
    ['Retry-After in seconds', 429, () => ({ 'retry-after': '2' }), 2000, 2000, 'rate_limited: retry-after 2s'],
    [
      'Retry-After as an HTTP date',
      429,
      () => ({ 'retry-after': new Date(Date.now() + 3000).toUTCString() }),
      1000,
      3000,
      /^rate_limited: /,
    ],
    ['retry-after-ms', 429, () => ({ 'retry-after-ms': '1500' }), 1500, 1500, 'rate_limited: retry-after 1.5s'],
    ['RateLimit-Reset in seconds from now', 429, () => ({ 'ratelimit-reset': '3' }), 3000, 3000, 'rate_limited: retry-after 3s'],
    ['X-RateLimit-Reset as a unix time', 429, () => ({ 'x-ratelimit-reset': inSeconds(4) }), 2000, 4000, /^rate_limited: /],
    ['Retry-After on a 503', 503, () => ({ 'retry-after': '2' }), 2000, 2000, 'server_error: 503, retry-after 2s'],
  ] as const)('honours %s', async (_name, code, headers, min, max, reason) => {
    const hits = script(server, 'get', THING, () => status(code, headers()));
    const c = client({ maxDelayMs: 10_000 });
    const controller = new AbortController();
    const stop = new Error('seen enough');
    c.on('retry', () => controller.abort(stop));
    await expect(c.getThing({ id: '1' }, { signal: controller.signal })).rejects.toBe(stop);
    expect(hits).toHaveLength(1);
    const event = c.retries[0];
    expect(event?.delayMs).toBeGreaterThanOrEqual(min);
    expect(event?.delayMs).toBeLessThanOrEqual(max);
    if (typeof reason === 'string') expect(event?.reason).toBe(reason);
    else expect(event?.reason).toMatch(reason);
  });

  it('really waits the provider-named time before the next attempt', async () => {
    const hits = script(server, 'get', THING, (i) => (i === 0 ? status(429, { 'retry-after-ms': '300' }) : ok()));
    await expect(client({ maxDelayMs: 1000 }).getThing({ id: '1' })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(300);
  });

  it('backs off exponentially with full jitter when the provider names no wait', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    script(server, 'get', THING, (i) => (i < 3 ? status(503) : ok()));
    const c = client({ minDelayMs: 40, maxDelayMs: 10_000 });
    await c.getThing({ id: '1' });
    // full jitter: random() × minDelay × 2^n
    expect(c.retries.map((e) => e.delayMs)).toEqual([20, 40, 80]);
  });

  it('draws each backoff wait at random between 0 and the exponential ceiling', () => {
    const draws = [0, 0.25, 1 - 1e-9, 0.5];
    const random = () => draws.shift() ?? 0;
    expect([0, 1, 2, 3].map((n) => fullJitterDelay(n, 100, 10_000, random))).toEqual([0, 50, 400, 400]);
  });

  it('caps each backoff wait at maxDelayMs', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1 - 1e-9);
    script(server, 'get', THING, (i) => (i < 4 ? status(500) : ok()));
    const c = client({ minDelayMs: 30, maxDelayMs: 70 });
    await c.getThing({ id: '1' });
    expect(c.retries.map((e) => e.delayMs)).toEqual([30, 60, 70, 70]);
  });

  it('ignores quota reset headers on a 5xx and backs off instead', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    script(server, 'get', THING, (i) =>
      i === 0 ? status(500, { 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600) }) : ok(),
    );
    const c = client({ minDelayMs: 20, maxDelayMs: 10_000 });
    await c.getThing({ id: '1' });
    expect(c.retries[0]).toMatchObject({ delayMs: 10, reason: 'server_error: 500' });
  });

  it('stops with the RateLimitError, at once, when the provider asks for longer than maxDelayMs', async () => {
    const hits = script(server, 'get', THING, () => status(429, { 'retry-after': '5' }));
    const error = await client({ maxDelayMs: 1000 })
      .getThing({ id: '1' })
      .catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 5000 });
    expect(hits).toHaveLength(1);
  });

  it('cancels a wait the moment the signal aborts, with the signal reason', async () => {
    const hits = script(server, 'get', THING, () => status(429, { 'retry-after': '3600' }));
    const c = client({ maxDelayMs: 7_200_000, budgetMs: 7_200_000 });
    const controller = new AbortController();
    c.on('retry', () => setTimeout(() => controller.abort('user cancelled'), 20));
    await expect(c.getThing({ id: '1' }, { signal: controller.signal })).rejects.toBe('user cancelled');
    expect(c.retries).toHaveLength(1);
    expect(hits).toHaveLength(1);
  });
});

describe('when retries or the budget run out', () => {
  const numbered = (code: number) => (i: number) => status(code, { 'x-request-id': `req_${i + 1}` });

  it('throws the last typed ApiError after the last retry', async () => {
    const hits = script(server, 'get', THING, numbered(503));
    const error = await client({ ...FAST, retries: 2 })
      .getThing({ id: '1' })
      .catch((e: unknown) => e);
    expect(hits).toHaveLength(3);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, requestId: 'req_3' });
  });

  it('throws the last typed NetworkError after the last retry', async () => {
    script(server, 'get', THING, () => HttpResponse.error());
    const error = await client({ ...FAST, retries: 1 })
      .getThing({ id: '1' })
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
  });

  it('stops when the next wait would pass the budget, throwing the last error', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1 - 1e-9);
    const hits = script(server, 'get', THING, numbered(503));
    const c = client({ retries: 20, minDelayMs: 60, maxDelayMs: 10_000, budgetMs: 600 });
    const error = await c.getThing({ id: '1' }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    // Waits of 60, 120, 240, 480: 60 + 120 + 240 already used 420 ms, so the fourth cannot fit.
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(hits.length).toBeLessThanOrEqual(4);
    expect(c.retries).toHaveLength(hits.length - 1);
    expect((error as ApiError).requestId).toBe(`req_${hits.length}`);
    const waited = c.retries.reduce((sum, e) => sum + e.delayMs, 0);
    expect(waited).toBeLessThanOrEqual(600);
  });

  it('throws the RateLimitError, with its retryAfterMs, when the asked wait does not fit the budget', async () => {
    const hits = script(server, 'get', THING, () => status(429, { 'retry-after': '2' }));
    const error = await client({ budgetMs: 1000, maxDelayMs: 10_000 })
      .getThing({ id: '1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 2000 });
    expect(hits).toHaveLength(1);
  });
});

describe('side effects', () => {
  const noKeys = acme({ retry: FAST });
  const keyed = acme({ retry: FAST, idempotency: KEYED });

  it('does not retry a POST without an idempotency key on a 503', async () => {
    const hits = script(server, 'post', `${BASE}/things`, () => status(503));
    const c = client(FAST, noKeys);
    const error = await c.createThing({ name: 'a' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(hits).toHaveLength(1);
    expect(hits[0]?.headers.has('idempotency-key')).toBe(false);
  });

  it('does not retry a POST without a key after a timeout or a reset: it may have been received', async () => {
    const hits = script(server, 'post', `${BASE}/things`, () => HttpResponse.error());
    const error = await client(FAST, noKeys)
      .createThing({ name: 'a' })
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(hits).toHaveLength(1);
  });

  it('retries a POST with its idempotency key, sending the same key on every attempt', async () => {
    const hits = script(server, 'post', `${BASE}/things`, (i) => (i < 2 ? status(503) : HttpResponse.json({ id: 't1' }, { status: 201 })));
    const c = client(FAST, keyed);
    await expect(c.createThing({ name: 'a' })).resolves.toEqual({ id: 't1' });
    expect(hits).toHaveLength(3);
    const keys = hits.map((h) => h.headers.get('idempotency-key'));
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
  });

  it('retries a POST without a key when the connection was refused: the request never left', async () => {
    let calls = 0;
    const refusingOnce: typeof fetch = (input, init) => {
      calls++;
      if (calls === 1) {
        const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
        return Promise.reject(new TypeError('fetch failed', { cause }));
      }
      return fetch(input, init);
    };
    const hits = script(server, 'post', `${BASE}/things`, () => HttpResponse.json({ id: 't1' }, { status: 201 }));
    const c = createClient(noKeys, { credentials: { token: TOKEN }, fetch: refusingOnce });
    const events: RetryEvent[] = [];
    c.on('retry', (e) => events.push(e));
    await expect(c.createThing({ name: 'a' })).resolves.toEqual({ id: 't1' });
    expect(calls).toBe(2);
    expect(hits).toHaveLength(1);
    expect(events[0]?.reason).toBe('network: ECONNREFUSED');
  });

  it('retries an idempotent PUT without a key', async () => {
    const hits = script(server, 'put', THING, (i) => (i === 0 ? status(503) : ok()));
    await expect(client(FAST, noKeys).replaceThing({ id: '1', name: 'b' })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
  });

  it('treats an operation declared not idempotent as a side effect, whatever its method', async () => {
    const url = `${THING}/charge`;
    const keyless = script(server, 'put', url, () => status(503));
    await expect(client(FAST, noKeys).chargeThing({ id: '1', amount: 5 })).rejects.toMatchObject({ status: 503 });
    expect(keyless).toHaveLength(1);

    server.resetHandlers();
    const keyedHits = script(server, 'put', url, (i) => (i === 0 ? status(503) : ok()));
    await expect(client(FAST, keyed).chargeThing({ id: '1', amount: 5 })).resolves.toMatchObject({ ok: true });
    expect(keyedHits).toHaveLength(2);
    expect(keyedHits[0]?.headers.get('idempotency-key')).toBe(keyedHits[1]?.headers.get('idempotency-key'));
  });
});

describe("the connector's rules", () => {
  // Stripe tells us itself whether a failure is worth retrying.
  const stripeLike = acme({
    retry: {
      ...FAST,
      decide: (error) => {
        const verdict = isApiError(error) ? error.headers?.['stripe-should-retry'] : undefined;
        return verdict === undefined ? undefined : { retry: verdict === 'true', reason: `stripe-should-retry: ${verdict}` };
      },
    },
  });

  it('lets a response header veto a retry the defaults would make', async () => {
    const hits = script(server, 'get', THING, () => status(503, { 'stripe-should-retry': 'false' }));
    const c = client(undefined, stripeLike);
    await expect(c.getThing({ id: '1' })).rejects.toMatchObject({ status: 503 });
    expect(hits).toHaveLength(1);
  });

  it('lets a response header ask for a retry the defaults would not make', async () => {
    const hits = script(server, 'get', THING, (i) => (i === 0 ? status(409, { 'stripe-should-retry': 'true' }) : ok()));
    const c = client(undefined, stripeLike);
    await expect(c.getThing({ id: '1' })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
    expect(c.retries[0]?.reason).toBe('stripe-should-retry: true');
  });

  // HubSpot names the limit that was hit in the body: a daily limit will not clear in seconds.
  const hubspotLike = acme({
    retry: {
      ...FAST,
      decide: (error) => {
        const policy = isRateLimitError(error) ? (error.body as { policyName?: string } | undefined)?.policyName : undefined;
        if (policy === 'DAILY') return { retry: false };
        if (policy) return { retry: true, delayMs: 15, reason: `rate_limited: policy ${policy}` };
        return undefined;
      },
    },
  });

  it('reads the body to refuse a retry', async () => {
    const hits = script(server, 'get', THING, () => status(429, {}, { status: 'error', policyName: 'DAILY' }));
    const error = await client(undefined, hubspotLike)
      .getThing({ id: '1' })
      .catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    expect(hits).toHaveLength(1);
  });

  it('reads the body to choose the wait and the reason', async () => {
    const hits = script(server, 'get', THING, (i) => (i === 0 ? status(429, {}, { policyName: 'TEN_SECONDLY_ROLLING' }) : ok()));
    const c = client(undefined, hubspotLike);
    await c.getThing({ id: '1' });
    expect(hits).toHaveLength(2);
    expect(c.retries[0]).toMatchObject({ reason: 'rate_limited: policy TEN_SECONDLY_ROLLING', delayMs: 15 });
  });

  it("falls back to the connector's rule when the client's has no opinion", async () => {
    script(server, 'get', THING, () => status(503, { 'stripe-should-retry': 'false' }));
    const seen: unknown[] = [];
    const c = client({ ...FAST, decide: (error) => void seen.push(error) }, stripeLike);
    await expect(c.getThing({ id: '1' })).rejects.toMatchObject({ status: 503 });
    expect(seen).toHaveLength(1);
    expect(c.retries).toHaveLength(0);
  });

  // A GraphQL API reports its rate limit inside a 200.
  const graphqlLike = acme({
    retry: {
      ...FAST,
      maxDelayMs: 1000,
      inspect: (response) => {
        const body = response.data as { errors?: { type: string }[] } | undefined;
        return body?.errors?.some((e) => e.type === 'RATE_LIMITED')
          ? new RateLimitError('acme rate limit (reported in the body)', { retryAfterMs: 30 })
          : undefined;
      },
    },
  });

  it('turns a 200 that reports a rate limit into a retried RateLimitError that pauses the bucket', async () => {
    const hits = script(server, 'get', THING, (i) => (i === 0 ? HttpResponse.json({ errors: [{ type: 'RATE_LIMITED' }] }) : ok()));
    const c = client({}, graphqlLike);
    await expect(c.getThing({ id: '1' })).resolves.toMatchObject({ ok: true });
    expect(hits).toHaveLength(2);
    expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(30);
    expect(c.retries[0]).toMatchObject({ reason: 'rate_limited: retry-after 30ms', delayMs: 30 });
    expect(c.paused).toEqual([{ connector: 'acme', waitMs: 30, reason: 'provider: retry-after 30ms' }]);
  });

  it('still reports the inspected error when retrying is off', async () => {
    script(server, 'get', THING, () => HttpResponse.json({ errors: [{ type: 'RATE_LIMITED' }] }));
    const error = await client(false, graphqlLike)
      .getThing({ id: '1' })
      .catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
  });
});

describe('settings merge: defaults ← connector ← client ← call', () => {
  const always503 = () => script(server, 'get', THING, () => status(503));

  it('takes the client over the connector, and the call over the client', async () => {
    const connector = acme({ retry: { ...FAST, retries: 1 } });
    let hits = always503();
    await createClient(connector, { credentials: { token: TOKEN } })
      .getThing({ id: '1' })
      .catch(() => {});
    expect(hits).toHaveLength(2);

    server.resetHandlers();
    hits = always503();
    const c = createClient(connector, { credentials: { token: TOKEN }, retry: { retries: 3 } });
    await c.getThing({ id: '1' }).catch(() => {});
    expect(hits).toHaveLength(4);

    server.resetHandlers();
    hits = always503();
    await c.getThing({ id: '1' }, { retry: { retries: 0 } }).catch(() => {});
    expect(hits).toHaveLength(1);
  });

  it('turns retrying off with false at the client or the call', async () => {
    let hits = always503();
    await client(false)
      .getThing({ id: '1' })
      .catch(() => {});
    expect(hits).toHaveLength(1);

    server.resetHandlers();
    hits = always503();
    await client()
      .getThing({ id: '1' }, { retry: false })
      .catch(() => {});
    expect(hits).toHaveLength(1);

    server.resetHandlers();
    hits = always503();
    await client(false)
      .getThing({ id: '1' }, { retry: { retries: 1 } })
      .catch(() => {});
    expect(hits).toHaveLength(2);
  });

  it('refuses impossible numbers when the client is created', () => {
    expect(() => createClient(acme(), { credentials: { token: TOKEN }, retry: { retries: -1 } })).toThrow(/retry\.retries/);
  });
});
