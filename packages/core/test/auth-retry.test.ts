import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, type AuthStrategy, createClient, defineConnector, defineOperation, noAuth } from '../src/index.js';
import { json, startServer, type TestServer } from './support/http-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => json(res, 201, { id: `obj_${server.requests.length}`, auth: req.headers.authorization }));
});
afterAll(() => server.close());

const connector = defineConnector({
  name: 'objects',
  baseUrl: 'http://placeholder.invalid',
  auth: noAuth(),
  operations: {
    create: defineOperation({
      method: 'POST',
      path: '/objects',
      input: z.object({ name: z.string() }),
      output: z.object({ id: z.string(), auth: z.string() }),
    }),
  },
});

/** A strategy whose token endpoint is down for the first `failures` attempts. */
function flakyToken(failures: number): AuthStrategy & { calls: number } {
  const strategy = {
    kind: 'flaky',
    browserSafe: false,
    calls: 0,
    secrets: () => ['tok_after_outage'],
    authorize(ctx: Parameters<AuthStrategy['authorize']>[0]) {
      strategy.calls++;
      if (strategy.calls <= failures) throw new ApiError('token endpoint answered 503', { status: 503, retryable: true });
      ctx.headers.set('authorization', 'Bearer tok_after_outage');
    },
  };
  return strategy;
}

it('retries a side effect without an idempotency key when only fetching credentials failed', async () => {
  const auth = flakyToken(2);
  const client = createClient(connector, { auth, baseUrl: server.url, retry: { minDelayMs: 1 }, idempotency: { header: false } });
  const before = server.requests.length;
  await expect(client.create({ name: 'x' })).resolves.toMatchObject({ auth: 'Bearer tok_after_outage' });
  expect(auth.calls).toBe(3);
  expect(server.requests.length - before).toBe(1);
  expect(server.requests.at(-1)?.headers['idempotency-key']).toBeUndefined();
});

it('still refuses to repeat a side effect that reached the server', async () => {
  const failing = await startServer((_req, res) => json(res, 503, { error: { message: 'busy' } }));
  try {
    const client = createClient(connector, {
      auth: flakyToken(0),
      baseUrl: failing.url,
      retry: { minDelayMs: 1 },
      idempotency: { header: false },
    });
    await expect(client.create({ name: 'x' })).rejects.toMatchObject({ status: 503 });
    expect(failing.requests).toHaveLength(1);
  } finally {
    await failing.close();
  }
});
