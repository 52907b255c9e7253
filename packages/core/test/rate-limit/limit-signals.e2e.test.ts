import { afterEach, describe, expect, it } from 'vitest';
import {
  createClient,
  isApiError,
  isLimiterError,
  isRateLimitError,
  type LimiterError,
  type RateLimitBudget,
  type RateLimitError,
  type RateLimitedEvent,
  type RetryEvent,
} from '../../src/index.js';
import { acme, TOKEN } from '../retry/support/acme-connector.js';
import { type Hit, type Loopback, type Reply, startLoopback } from '../retry/support/loopback.js';

// Real node:http servers on 127.0.0.1 that enforce their own limits; each counts what it refused.
const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(handle: (hit: Hit, index: number) => Reply | Promise<Reply>): Promise<Loopback> {
  const server = await startLoopback(handle);
  servers.push(server);
  return server;
}
const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

const GITHUB_BUDGET: RateLimitBudget = { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', resetFormat: 'epoch-seconds' };
/** GitHub's primary limit: a 403 that says the budget is spent, with the reset as a unix time in seconds. */
const githubLike = (maxConcurrent?: number) =>
  acme({
    rateLimit: {
      ...(maxConcurrent === undefined ? {} : { maxConcurrent }),
      signals: [{ status: 403, when: (r) => r.headers.get('x-ratelimit-remaining') === '0' || r.headers.has('retry-after') }],
      budget: GITHUB_BUDGET,
    },
  });

describe('a declared limit signal', () => {
  it('turns 403 + remaining 0 into one refused request: queued calls wait for the reset and succeed', async () => {
    const replies: Reply[] = [];
    let resetSeconds = 0;
    const server = await serve((_hit, i) => {
      // The window is spent from the first request until the next whole second after 1.2 s from now.
      if (i === 0) resetSeconds = Math.ceil((Date.now() + 1200) / 1000);
      const reply: Reply =
        Date.now() < resetSeconds * 1000
          ? {
              status: 403,
              headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) },
              body: { message: 'API rate limit exceeded' },
            }
          : { headers: { 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(resetSeconds + 3600) }, body: { ok: true } };
      replies.push(reply);
      return reply;
    });
    const client = createClient(githubLike(1), {
      credentials: { token: TOKEN },
      baseUrl: server.url,
      retry: { minDelayMs: 1, maxDelayMs: 5_000 },
    });
    const paused: RateLimitedEvent[] = [];
    client.on('rateLimited', (e) => paused.push(e));

    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => client.getThing({ id: String(i) })));

    expect(results).toEqual(Array.from({ length: 5 }, () => ({ ok: true })));
    expect(count(replies, 403)).toBe(1);
    expect(server.hits).toHaveLength(6);
    for (const hit of server.hits.slice(1)) expect(hit.at).toBeGreaterThanOrEqual(server.hits[0]!.answeredAt!);
    expect(paused).toHaveLength(1);
  });

  it('reports it as a RateLimitError that is an ApiError, with the provider’s status, message and reset time', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 30;
    const server = await serve(() => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded', code: 'rate_limited' },
    }));
    const client = createClient(githubLike(), { credentials: { token: TOKEN }, baseUrl: server.url, retry: false });
    const error = (await client.getThing({ id: '1' }).catch((e: unknown) => e)) as RateLimitError;
    expect(isRateLimitError(error)).toBe(true);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, code: 'rate_limited', providerMessage: 'API rate limit exceeded', retryable: true });
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(Math.abs(error.resetAt!.getTime() - reset * 1000)).toBeLessThan(2_000);
  });

  it('pauses the bucket on a 403 with retry-after (a secondary limit)', async () => {
    const server = await serve((_hit, i) => (i === 0 ? { status: 403, headers: { 'retry-after': '1' } } : { body: { ok: true } }));
    const client = createClient(githubLike(), { credentials: { token: TOKEN }, baseUrl: server.url, retry: false });
    await expect(client.getThing({ id: '1' })).rejects.toMatchObject({ name: 'RateLimitError', status: 403, retryAfterMs: 1000 });
    await expect(client.getThing({ id: '2' })).resolves.toEqual({ ok: true });
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(995);
  });

  it('leaves a 403 that is not a limit an ApiError, not retried', async () => {
    const server = await serve(() => ({ status: 403, headers: { 'x-ratelimit-remaining': '12' }, body: { message: 'forbidden' } }));
    const client = createClient(githubLike(), { credentials: { token: TOKEN }, baseUrl: server.url });
    const error = await client.getThing({ id: '1' }).catch((e: unknown) => e);
    expect(isApiError(error) && !isRateLimitError(error)).toBe(true);
    expect(server.hits).toHaveLength(1);
  });

  it('takes a status of its own (a 430) and retries it after the wait', async () => {
    const server = await serve((_hit, i) => (i === 0 ? { status: 430, headers: { 'retry-after': '0.3' } } : { body: { ok: true } }));
    const client = createClient(acme({ rateLimit: { signals: [{ status: 430 }] } }), {
      credentials: { token: TOKEN },
      baseUrl: server.url,
      retry: { minDelayMs: 1, maxDelayMs: 2_000 },
    });
    const retries: RetryEvent[] = [];
    client.on('retry', (e) => retries.push(e));
    await expect(client.getThing({ id: '1' })).resolves.toEqual({ ok: true });
    expect(retries).toMatchObject([{ reason: 'rate_limited: retry-after 300ms' }]);
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(295);
  });

  it('reads a limit reported in a 200 body through a declared marker', async () => {
    const throttled = { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] };
    const server = await serve((_hit, i) => ({ body: i === 0 ? throttled : { ok: true } }));
    const graphqlLike = acme({
      rateLimit: {
        signals: [
          {
            status: 200,
            when: (r) => (r.data as typeof throttled).errors?.[0]?.extensions.code === 'THROTTLED',
            waitMs: () => 400,
          },
        ],
      },
    });
    const client = createClient(graphqlLike, { credentials: { token: TOKEN }, baseUrl: server.url, retry: false });
    await expect(client.getThing({ id: '1' })).rejects.toMatchObject({ name: 'RateLimitError', status: 200, providerMessage: 'Throttled' });
    await expect(client.getThing({ id: '2' })).resolves.toEqual({ ok: true });
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(395);
  });
});

describe('a declared budget', () => {
  it('waits for the reset once an answer says the budget is spent, so the provider refuses nothing', async () => {
    // The server allows 2 requests per 600 ms window and refuses the rest with a 429.
    const replies: Reply[] = [];
    let windowEnd = 0;
    let used = 0;
    const server = await serve(() => {
      const now = Date.now();
      if (now >= windowEnd) {
        windowEnd = now + 600;
        used = 0;
      }
      used++;
      const reset = String((windowEnd - now) / 1000);
      const reply: Reply =
        used > 2
          ? { status: 429, headers: { 'retry-after': reset } }
          : { headers: { 'x-ratelimit-remaining': String(2 - used), 'x-ratelimit-reset': reset }, body: { ok: true } };
      replies.push(reply);
      return reply;
    });
    const client = createClient(acme({ rateLimit: { maxConcurrent: 1, budget: { ...GITHUB_BUDGET, resetFormat: 'delta-seconds' } } }), {
      credentials: { token: TOKEN },
      baseUrl: server.url,
      retry: { minDelayMs: 1, maxDelayMs: 2_000 },
    });
    const paused: RateLimitedEvent[] = [];
    client.on('rateLimited', (e) => paused.push(e));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => client.getThing({ id: String(i) })));
    expect(results).toHaveLength(6);
    expect(count(replies, 429)).toBe(0);
    expect(server.hits).toHaveLength(6);
    expect(paused.length).toBeGreaterThanOrEqual(2);
    expect(paused[0]!.reason).toMatch(/budget spent/);
  });

  it('waits already at the declared floor', async () => {
    const server = await serve((_hit, i) => ({
      headers: { 'x-ratelimit-remaining': i === 0 ? '5' : '100', 'x-ratelimit-reset': '0.5' },
      body: { ok: true },
    }));
    const client = createClient(acme({ rateLimit: { budget: { ...GITHUB_BUDGET, resetFormat: 'delta-seconds', floor: 5 } } }), {
      credentials: { token: TOKEN },
      baseUrl: server.url,
    });
    await client.getThing({ id: '1' });
    await client.getThing({ id: '2' });
    expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(495);
  });
});

describe('the local limiter refusing a call', () => {
  it('ends a call at once with a LimiterError and the reset time when the pause outlasts its max wait, and never retries it', async () => {
    const server = await serve(() => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: { message: 'slow down' } } }));
    const client = createClient(acme(), {
      credentials: { token: TOKEN },
      baseUrl: server.url,
      rateLimit: { maxWaitMs: 1_000 },
      retry: { minDelayMs: 1, maxDelayMs: 100 },
    });
    // The provider's 30 s wait is past maxDelayMs, so the retry layer stops; the bucket stays paused.
    await expect(client.getThing({ id: '1' })).rejects.toMatchObject({ name: 'RateLimitError', status: 429 });
    const asked = Date.now();
    const next = client.getThing({ id: '2' }).catch((e: unknown) => e);
    // Settled well before its 1 s max wait: there was no point in waiting.
    const error = (await Promise.race([next, new Promise((r) => setTimeout(() => r('still waiting'), 500))])) as LimiterError;
    expect(isLimiterError(error)).toBe(true);
    expect(isApiError(error)).toBe(false);
    expect(error).toMatchObject({ reason: 'paused', retryable: false });
    expect(error.resetAt!.getTime() - asked).toBeGreaterThan(25_000);
    expect(error.message).toMatch(/longer than GET .* may wait/);
    expect(server.hits).toHaveLength(1);
  });
});
