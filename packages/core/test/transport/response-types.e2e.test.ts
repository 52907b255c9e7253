import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/http-server.js';
import { filesClient, TRANSPORTS } from './transports.js';

let server: TestServer | undefined;
afterEach(() => server?.close());

// Bytes that are not valid UTF-8: reading them as text would change them.
const PDF = Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0xff, 0xfe, 0x00, 0x80, 0x0a]);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe.each(TRANSPORTS)('response types on the %s transport', (_name, transport) => {
  it("resolves a 'bytes' operation to the exact bytes", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(PDF));
    });
    const pdf = await filesClient(server.url, transport()).getInvoicePdf();
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect([...pdf]).toEqual([...PDF]);
  });

  it("resolves a 'stream' operation to a stream of the body, read after the call resolved", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.from(PDF.subarray(0, 4)));
      setTimeout(() => res.end(Buffer.from(PDF.subarray(4))), 50);
    });
    const stream = await filesClient(server.url, transport()).streamExport(undefined, { timeoutMs: 5_000 });
    expect(stream).toBeInstanceOf(ReadableStream);
    expect([...(await readAll(stream))]).toEqual([...PDF]);
  });

  it("errors a 'stream' of unknown length once it passes the size limit", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(512));
      setTimeout(() => res.end(Buffer.alloc(8 * 1024)), 20);
    });
    const stream = await filesClient(server.url, { ...transport(), maxResponseBytes: 1024 }).streamExport();
    await expect(readAll(stream)).rejects.toMatchObject({ name: 'ResponseTooLargeError', limitBytes: 1024 });
  });

  it("refuses a 'stream' whose content-length is over the limit before handing it over", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '8192' }).end(Buffer.alloc(8 * 1024));
    });
    const call = filesClient(server.url, { ...transport(), maxResponseBytes: 1024 }).streamExport();
    await expect(call).rejects.toMatchObject({ name: 'ResponseTooLargeError', declaredBytes: 8192 });
  });

  it("resolves a 'text' operation to the text, even when it looks like JSON", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"line":1}\n{"line":2}\n');
    });
    await expect(filesClient(server.url, transport()).readLog()).resolves.toBe('{"line":1}\n{"line":2}\n');
  });
});
