import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type ApiError, ERROR_BODY_BYTES, isApiError, isResponseTooLargeError, type ResponseTooLargeError } from '../../src/index.js';
import { startServer, type TestServer } from '../support/http-server.js';
import { filesClient, TRANSPORTS } from './transports.js';

let server: TestServer | undefined;
afterEach(() => server?.close());

const MiB = 1024 * 1024;

describe.each(TRANSPORTS)('the response size limit on the %s transport', (_name, transport) => {
  it('refuses a body whose content-length is over the default limit, without reading it', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(64 * MiB) });
      res.write('{"ok":'); // the rest never comes: reading it would hang until the timeout
    });
    const error = (await filesClient(server.url, transport())
      .getThing(undefined, { timeoutMs: 5_000 })
      .catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ limitBytes: 10 * MiB, declaredBytes: 64 * MiB, status: 200, retryable: false });
    expect(error.message).toContain('maxResponseBytes');
  });

  it('stops reading a chunked body at the client limit', async () => {
    let written = 0;
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      const pump = () => {
        // Writes far more than the limit, slowly enough that the client can stop it first.
        while (written < 4 * MiB && res.write(chunk)) written += chunk.length;
        if (written < 4 * MiB) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    const client = filesClient(server.url, { ...transport(), maxResponseBytes: 64 * 1024, retry: false });
    const error = (await client.getThing().catch((e: unknown) => e)) as ResponseTooLargeError;
    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error.limitBytes).toBe(64 * 1024);
    expect(error.declaredBytes).toBeUndefined();
  });

  it('counts a compressed body as it inflates, not by its declared length on the wire', async () => {
    const inflated = JSON.stringify({ pad: 'a'.repeat(2 * MiB) });
    const compressed = gzipSync(inflated);
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(compressed.length) });
      res.end(compressed);
    });
    expect(compressed.length).toBeLessThan(64 * 1024);
    const client = filesClient(server.url, { ...transport(), maxResponseBytes: 64 * 1024, retry: false });
    await expect(client.getThing()).rejects.toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 64 * 1024 });
  });

  it('lets a call raise the limit, and false turn it off', async () => {
    const body = JSON.stringify({ ok: true, pad: 'x'.repeat(200 * 1024) });
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    const client = filesClient(server.url, { ...transport(), maxResponseBytes: 1024, retry: false });
    await expect(client.getThing()).rejects.toMatchObject({ name: 'ResponseTooLargeError' });
    await expect(client.getThing(undefined, { maxResponseBytes: false })).resolves.toMatchObject({ ok: true });
    await expect(client.getThing(undefined, { maxResponseBytes: 1024 * 1024 })).resolves.toMatchObject({ ok: true });
  });

  it("applies an operation's own limit over the client's, and a call's over both", async () => {
    const body = JSON.stringify({ ok: true, pad: 'x'.repeat(500) });
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    const client = filesClient(server.url, { ...transport(), maxResponseBytes: 1024 * 1024, retry: false });
    await expect(client.getThing()).resolves.toMatchObject({ ok: true });
    await expect(client.getTinyThing()).rejects.toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 100 });
    await expect(client.getTinyThing(undefined, { maxResponseBytes: 4096 })).resolves.toMatchObject({ ok: true });
  });

  it('keeps only the start of a huge error body on the ApiError', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' }).end(`<html>${'e'.repeat(2 * MiB)}</html>`);
    });
    const error = (await filesClient(server.url, transport())
      .getThing()
      .catch((e: unknown) => e)) as ApiError;
    expect(isApiError(error)).toBe(true);
    expect(error.status).toBe(400);
    expect(typeof error.body).toBe('string');
    const body = error.body as string;
    expect(body.startsWith('<html>eee')).toBe(true);
    expect(body.length).toBeLessThan(ERROR_BODY_BYTES + 200);
    expect(body).toContain('truncated');
  });
});
