import { afterEach, describe, expect, it } from 'vitest';
import { isTimeoutError, type TimeoutError } from '../../src/index.js';
import { startServer, type TestServer } from '../support/http-server.js';
import { filesClient, TRANSPORTS } from './transports.js';

let server: TestServer | undefined;
afterEach(() => server?.close());

describe.each(TRANSPORTS)('timeouts on the %s transport', (_name, transport) => {
  it('times out an attempt whose server sends headers and then stalls the body', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"ok":');
      // and never ends the body
    });
    const client = filesClient(server.url, { ...transport(), retry: false });
    const error = (await client.getThing(undefined, { timeoutMs: 150 }).catch((e: unknown) => e)) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 150, scope: 'attempt' });
    expect(server.requests).toHaveLength(1);
  });

  it('times out an attempt that gets no headers, and retries it', async () => {
    let hits = 0;
    server = await startServer((_req, res) => {
      if (++hits === 1) return; // the first attempt never gets an answer
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const client = filesClient(server.url, transport());
    await expect(client.getThing(undefined, { timeoutMs: 150 })).resolves.toEqual({ ok: true });
    expect(hits).toBe(2);
  });

  it('stops every attempt and wait at the call deadline with a TimeoutError of scope call', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' }).end('{"error":{"message":"busy"}}');
    });
    const client = filesClient(server.url, { ...transport(), retry: { retries: 5, maxDelayMs: 5_000 } });
    const error = (await client.getThing(undefined, { deadlineMs: 400 }).catch((e: unknown) => e)) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ scope: 'call', timeoutMs: 400, retryable: false });
    expect(error.message).toContain('deadline of 400 ms');
    // Retry-After asks for 1 s: the deadline cut the first wait short, so no second attempt was sent.
    expect(server.requests).toHaveLength(1);
  });

  it('takes the deadline from the client settings', async () => {
    server = await startServer(() => {});
    const client = filesClient(server.url, { ...transport(), deadlineMs: 200, timeoutMs: false });
    const error = await client.getThing().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError', scope: 'call', timeoutMs: 200 });
  });
});

describe('limits given wrongly', () => {
  it('refuses a deadline or size limit that is not a non-negative number, before sending', async () => {
    let hits = 0;
    server = await startServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const client = filesClient(server.url);
    await expect(client.getThing(undefined, { deadlineMs: Number.NaN })).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining('deadlineMs must be a number'),
    });
    await expect(client.getThing(undefined, { maxResponseBytes: -1 })).rejects.toMatchObject({
      name: 'ConfigurationError',
      message: expect.stringContaining('maxResponseBytes must be'),
    });
    expect(hits).toBe(0);
  });
});
