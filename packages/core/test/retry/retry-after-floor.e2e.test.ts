import { afterEach, expect, it } from 'vitest';
import { createClient, type RetryEvent } from '../../src/index.js';
import { acme, TOKEN } from './support/acme-connector.js';
import { type Loopback, startLoopback } from './support/loopback.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// Timer slack between the server's clock readings and the client's wait.
const TOLERANCE_MS = 25;

it("waits at least the provider's Retry-After, even when a decide rule asks for less", async () => {
  const server = await startLoopback((_hit, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { body: { ok: true } }));
  servers.push(server);
  // The limiter is off, so only the retry layer's own wait stands between the attempts.
  const client = createClient(acme({ retry: { decide: () => ({ retry: true, delayMs: 50, reason: 'soon' }), maxDelayMs: 5_000 } }), {
    credentials: { token: TOKEN },
    baseUrl: server.url,
    rateLimit: false,
  });
  const events: RetryEvent[] = [];
  client.on('retry', (e) => events.push(e));
  await expect(client.getThing({ id: '1' })).resolves.toEqual({ ok: true });
  expect(server.hits).toHaveLength(2);
  expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(1000 - TOLERANCE_MS);
  expect(events[0]).toMatchObject({ reason: 'soon', delayMs: 1000 });
});

it('waits longer than Retry-After when a decide rule asks for longer', async () => {
  const server = await startLoopback((_hit, i) =>
    i === 0 ? { status: 503, headers: { 'retry-after-ms': '20' } } : { body: { ok: true } },
  );
  servers.push(server);
  const client = createClient(acme({ retry: { decide: () => ({ delayMs: 300 }) } }), {
    credentials: { token: TOKEN },
    baseUrl: server.url,
    rateLimit: false,
  });
  await expect(client.getThing({ id: '1' })).resolves.toEqual({ ok: true });
  expect(server.hits[1]!.at - server.hits[0]!.answeredAt!).toBeGreaterThanOrEqual(300 - TOLERANCE_MS);
});
