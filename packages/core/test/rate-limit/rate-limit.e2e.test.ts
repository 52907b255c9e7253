import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, RateLimitError, type RateLimitedEvent } from '../../src/index.js';
import { createLimiterRegistry, type LimiterRegistry } from '../../src/rate-limit/index.js';
import { acme, TOKEN } from '../retry/support/acme-connector.js';
import { deferred, type Hit, type Loopback, type Reply, startLoopback } from '../retry/support/loopback.js';

// Real node:http servers on 127.0.0.1; every timing below is read on the server as requests arrive.
const servers: Loopback[] = [];
const registries: LimiterRegistry[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(registries.splice(0).map((r) => r.stop()));
});
async function serve(handle: (hit: Hit, index: number) => Reply | Promise<Reply>): Promise<Loopback> {
  const server = await startLoopback(handle);
  servers.push(server);
  return server;
}
function registry(): LimiterRegistry {
  const made = createLimiterRegistry();
  registries.push(made);
  return made;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a 429 pauses the whole bucket', () => {
  it('sends nothing from the client for the Retry-After, then completes every queued call', async () => {
    let tooMany: Hit | undefined;
    const server = await serve(async (hit, i) => {
      await sleep(10);
      if (i === 0) {
        tooMany = hit;
        return { status: 429, headers: { 'retry-after': '2' }, body: { error: { message: 'slow down' } } };
      }
      return { body: { ok: true, n: i } };
    });
    const client = createClient(acme(), { credentials: { token: TOKEN }, baseUrl: server.url, rateLimit: { maxConcurrent: 1 } });
    const paused: RateLimitedEvent[] = [];
    client.on('rateLimited', (e) => paused.push(e));

    const calls = Array.from({ length: 6 }, (_, i) => client.getThing({ id: String(i) }));
    const results = await Promise.all(calls);

    expect(results).toHaveLength(6);
    expect(results.every((r) => r.ok === true)).toBe(true);
    expect(server.hits).toHaveLength(7);
    expect(tooMany?.answeredAt).toBeDefined();
    for (const hit of server.hits.slice(1)) expect(hit.at - tooMany!.answeredAt!).toBeGreaterThanOrEqual(2000);
    expect(paused).toEqual([{ connector: 'acme', waitMs: 2000, reason: 'provider: retry-after 2s' }]);
  });

  it('pauses even when no limits are set', async () => {
    const server = await serve((_hit, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { body: { ok: true } }));
    const client = createClient(acme(), { credentials: { token: TOKEN }, baseUrl: server.url, retry: false });
    const refused = await client.getThing({ id: '1' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({ retryAfterMs: 1000 });
    await expect(client.getThing({ id: '2' })).resolves.toEqual({ ok: true });
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(1000);
  });

  it('pauses for a rate limit the connector reads from a 200 body', async () => {
    const server = await serve((_hit, i) => ({ body: i === 0 ? { errors: [{ type: 'RATE_LIMITED', resetMs: 800 }] } : { ok: true } }));
    const graphqlLike = acme({
      retry: {
        inspect: (response) => {
          const limited = (response.data as { errors?: { type: string; resetMs: number }[] }).errors?.find(
            (e) => e.type === 'RATE_LIMITED',
          );
          return limited ? new RateLimitError('rate limited (body)', { retryAfterMs: limited.resetMs }) : undefined;
        },
      },
    });
    const client = createClient(graphqlLike, { credentials: { token: TOKEN }, baseUrl: server.url, retry: false });
    await expect(client.getThing({ id: '1' })).rejects.toBeInstanceOf(RateLimitError);
    await expect(client.getThing({ id: '2' })).resolves.toEqual({ ok: true });
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(800);
  });
});

describe('a bucket shared by key', () => {
  it('holds two clients of the same account to one limit together', async () => {
    const server = await serve(async () => {
      await sleep(30);
      return { body: { ok: true } };
    });
    const limiters = registry();
    const settings = { credentials: { token: TOKEN }, baseUrl: server.url, rateLimit: { key: 'acct_1', maxConcurrent: 1 }, limiters };
    const a = createClient(acme(), settings);
    const b = createClient(acme(), settings);
    await Promise.all([
      ...Array.from({ length: 4 }, () => a.getThing({ id: 'a' })),
      ...Array.from({ length: 4 }, () => b.getThing({ id: 'b' })),
    ]);
    expect(server.hits).toHaveLength(8);
    expect(server.maxInFlight).toBe(1);
  });

  it('gives clients without a key their own buckets', async () => {
    const bothIn = deferred();
    const server = await serve(async () => {
      await bothIn.promise;
      return { body: { ok: true } };
    });
    const settings = { credentials: { token: TOKEN }, baseUrl: server.url, rateLimit: { maxConcurrent: 1 } };
    const a = createClient(acme(), settings);
    const b = createClient(acme(), settings);
    const calls = [a.getThing({ id: 'a' }), b.getThing({ id: 'b' })];
    await vi.waitFor(() => expect(server.hits).toHaveLength(2));
    bothIn.resolve();
    await Promise.all(calls);
    expect(server.maxInFlight).toBe(2);
  });

  it("pauses every client of the bucket on one client's 429", async () => {
    const server = await serve((hit) =>
      hit.path.endsWith('/a') ? { status: 429, headers: { 'retry-after': '1' } } : { body: { ok: true } },
    );
    const limiters = registry();
    const settings = { credentials: { token: TOKEN }, baseUrl: server.url, rateLimit: { key: 'acct_1' }, limiters, retry: false as const };
    const a = createClient(acme(), settings);
    const b = createClient(acme(), settings);
    await expect(a.getThing({ id: 'a' })).rejects.toBeInstanceOf(RateLimitError);
    await expect(b.getThing({ id: 'b' })).resolves.toEqual({ ok: true });
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(1000);
  });
});

describe('limits per interval', () => {
  it('sends no more than `requests` per interval', async () => {
    const server = await serve(() => ({ body: { ok: true } }));
    const created = performance.now();
    const client = createClient(acme(), {
      credentials: { token: TOKEN },
      baseUrl: server.url,
      rateLimit: { requests: 3, intervalMs: 300 },
    });
    await Promise.all(Array.from({ length: 9 }, (_, i) => client.getThing({ id: String(i) })));
    const arrivals = server.hits.map((h) => h.at - created).sort((x, y) => x - y);
    expect(arrivals[3]).toBeGreaterThanOrEqual(300);
    expect(arrivals[6]).toBeGreaterThanOrEqual(600);
  });
});
