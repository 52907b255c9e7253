import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { noAuth } from '../../src/auth/static-schemes.js';
import { buildPipeline } from '../../src/client/build-pipeline.js';
import { createClient, isApiError, isConfigurationError, isLimiterError, type RateLimitedEvent, STAGES } from '../../src/index.js';
import { createLimiterRegistry } from '../../src/rate-limit/index.js';
import { acme, BASE, FAST, TOKEN } from '../retry/support/acme-connector.js';
import { deferred } from '../retry/support/loopback.js';
import { script } from '../retry/support/msw-hits.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const THING = `${BASE}/things/1`;
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Answers every request once `release` is called. */
function holdAll() {
  const gate = deferred();
  const hits = script(server, 'get', THING, async () => {
    await gate.promise;
    return HttpResponse.json({ ok: true });
  });
  return { hits, release: gate.resolve };
}

describe('the rate-limit layer', () => {
  it('sits between retry and auth in the pipeline', () => {
    const { pipeline } = buildPipeline(acme(), {}, noAuth().create(undefined));
    expect(pipeline.names).toEqual([...STAGES]);
  });

  it('fails a call that cannot start within maxWaitMs with a LimiterError, without sending or retrying it', async () => {
    const { hits, release } = holdAll();
    const client = createClient(acme({ retry: FAST }), { credentials: { token: TOKEN }, rateLimit: { maxConcurrent: 1, maxWaitMs: 50 } });
    const first = client.getThing({ id: '1' });
    await vi.waitFor(() => expect(hits).toHaveLength(1));
    const error = await client.getThing({ id: '1' }).catch((e: unknown) => e);
    expect(isLimiterError(error)).toBe(true);
    expect(isApiError(error)).toBe(false);
    expect(error).toMatchObject({ reason: 'max_wait', request: { connector: 'acme', operation: 'getThing', method: 'GET', url: THING } });
    release();
    await expect(first).resolves.toEqual({ ok: true });
    expect(hits).toHaveLength(1);
  });

  it('refuses a call at once when maxQueued calls already wait', async () => {
    const { hits, release } = holdAll();
    const client = createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { maxConcurrent: 1, maxQueued: 2 } });
    const running = client.getThing({ id: '1' });
    await vi.waitFor(() => expect(hits).toHaveLength(1));
    const queued = [client.getThing({ id: '1' }), client.getThing({ id: '1' })];
    await tick();
    await expect(client.getThing({ id: '1' })).rejects.toMatchObject({ name: 'LimiterError', message: expect.stringMatching(/maxQueued/) });
    expect(hits).toHaveLength(1);
    release();
    await expect(Promise.all([running, ...queued])).resolves.toHaveLength(3);
    expect(hits).toHaveLength(3);
  });

  it('lets a call aborted while queued leave at once, and never sends it', async () => {
    const { hits, release } = holdAll();
    const client = createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { maxConcurrent: 1 } });
    const running = client.getThing({ id: '1' });
    await vi.waitFor(() => expect(hits).toHaveLength(1));
    const controller = new AbortController();
    const queued = client.getThing({ id: '1' }, { signal: controller.signal });
    await tick();
    controller.abort(new Error('not needed any more'));
    await expect(queued).rejects.toThrow('not needed any more');
    release();
    await running;
    await expect(client.getThing({ id: '1' })).resolves.toEqual({ ok: true });
    expect(hits).toHaveLength(2);
  });

  it("merges the client's limits over the connector's", async () => {
    const { hits, release } = holdAll();
    const client = createClient(acme({ rateLimit: { maxConcurrent: 1 } }), {
      credentials: { token: TOKEN },
      rateLimit: { maxConcurrent: 3 },
    });
    const calls = Array.from({ length: 4 }, () => client.getThing({ id: '1' }));
    await vi.waitFor(() => expect(hits).toHaveLength(3));
    await tick();
    expect(hits).toHaveLength(3);
    release();
    await Promise.all(calls);
  });

  it('reports the pause a 429 causes as a rateLimited event', async () => {
    script(server, 'get', THING, (i) =>
      i === 0 ? HttpResponse.json({}, { status: 429, headers: { 'retry-after-ms': '40' } }) : HttpResponse.json({ ok: true }),
    );
    const client = createClient(acme(), { credentials: { token: TOKEN }, retry: { maxDelayMs: 1000 } });
    const events: RateLimitedEvent[] = [];
    client.on('rateLimited', (e) => events.push(e));
    await client.getThing({ id: '1' });
    expect(events).toEqual([{ connector: 'acme', waitMs: 40, reason: 'provider: retry-after 40ms' }]);
  });

  it('has no limiter, and so no pause, with rateLimit: false', async () => {
    script(server, 'get', THING, () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } }));
    const client = createClient(acme(), { credentials: { token: TOKEN }, rateLimit: false, retry: false });
    const events: RateLimitedEvent[] = [];
    client.on('rateLimited', (e) => events.push(e));
    await expect(client.getThing({ id: '1' })).rejects.toMatchObject({ retryAfterMs: 1000 });
    expect(events).toEqual([]);
  });

  it('asks for a registry when a client names a shared bucket', () => {
    let error: unknown;
    try {
      createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { key: 'acct_1' } });
    } catch (e) {
      error = e;
    }
    expect(isConfigurationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/createLimiterRegistry/);
  });

  it('refuses limit signals set on a client: they describe the provider, so the connector declares them', () => {
    let error: unknown;
    try {
      createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { signals: [{ status: 403 }] } });
    } catch (e) {
      error = e;
    }
    expect(isConfigurationError(error)).toBe(true);
    expect((error as Error).message).toMatch(/defineConnector\(\{ rateLimit: \{ signals \} \}\)/);
  });

  it('scopes shared buckets by connector', () => {
    const keys: string[] = [];
    const registry = createLimiterRegistry();
    const get = registry.get.bind(registry);
    registry.get = (key, policy) => {
      keys.push(key);
      return get(key, policy);
    };
    createClient(acme(), { credentials: { token: TOKEN }, rateLimit: { key: 'acct_1' }, limiters: registry });
    expect(keys).toEqual(['acme:acct_1']);
  });
});
