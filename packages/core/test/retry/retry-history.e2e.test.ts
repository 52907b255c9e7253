import { afterEach, expect, it } from 'vitest';
import { ApiError, createClient, isApiError, isNetworkError, type JunctionError } from '../../src/index.js';
import { acme, FAST, TOKEN } from './support/acme-connector.js';
import { type Loopback, startLoopback } from './support/loopback.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(...args: Parameters<typeof startLoopback>): Promise<Loopback> {
  const server = await startLoopback(...args);
  servers.push(server);
  return server;
}

it('tells on the final error how many attempts ran, over how long, and why each was retried', async () => {
  const server = await serve((_hit, i) => [{ status: 503 }, { destroy: true }, { status: 502 }][i] ?? { status: 502 });
  const client = createClient(acme({ retry: { ...FAST, retries: 2 } }), { credentials: { token: TOKEN }, baseUrl: server.url });
  const error = (await client.getThing({ id: '1' }).catch((e: unknown) => e)) as ApiError;

  // Still the typed error of the last attempt.
  expect(error).toBeInstanceOf(ApiError);
  expect(isApiError(error)).toBe(true);
  expect(error.status).toBe(502);

  expect(error.attempts).toBe(3);
  expect(error.retryHistory).toHaveLength(2);
  expect(error.retryHistory?.[0]).toMatchObject({ attempt: 1, reason: 'server_error: 503' });
  expect(error.retryHistory?.[1]).toMatchObject({ attempt: 2, reason: expect.stringMatching(/^network: /) });
  for (const entry of error.retryHistory ?? []) expect(entry.delayMs).toBeGreaterThanOrEqual(0);
  expect(error.elapsedMs).toBeGreaterThan(0);
  expect(error.message).toMatch(/^acme answered 502 to GET .+ \(3 attempts over \d+(\.\d+)?m?s: server_error: 503, then network: [^)]+\)$/);
  expect(error.toJSON()).toMatchObject({ attempts: 3, retryHistory: error.retryHistory });
  expect(String(error.stack)).toContain('(3 attempts over');
});

it('leaves an error from a single attempt as it was', async () => {
  const server = await serve(() => ({ status: 404 }));
  const client = createClient(acme({ retry: FAST }), { credentials: { token: TOKEN }, baseUrl: server.url });
  const error = (await client.getThing({ id: '1' }).catch((e: unknown) => e)) as JunctionError;
  expect(error.attempts).toBeUndefined();
  expect(error.retryHistory).toBeUndefined();
  expect(error.message).not.toMatch(/attempts/);
});

it('records the history on a NetworkError too, and keeps secrets out of the reasons', async () => {
  const server = await serve(() => ({ destroy: true }));
  const client = createClient(acme({ retry: { ...FAST, retries: 1, decide: () => ({ reason: `reset with token ${TOKEN}` }) } }), {
    credentials: { token: TOKEN },
    baseUrl: server.url,
  });
  const error = (await client.getThing({ id: '1' }).catch((e: unknown) => e)) as JunctionError;
  expect(isNetworkError(error)).toBe(true);
  expect(error.attempts).toBe(2);
  expect(error.message).toContain('(2 attempts over');
  expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
  expect(error.message).not.toContain(TOKEN);
  expect(error.retryHistory?.[0]?.reason).toBe('reset with token [REDACTED]');
});
