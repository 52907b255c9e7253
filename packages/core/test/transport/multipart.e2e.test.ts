import { afterEach, describe, expect, it } from 'vitest';
import { file } from '../../src/index.js';
import { type SeenRequest, startServer, type TestServer } from '../support/http-server.js';
import { filesClient, TRANSPORTS } from './transports.js';

let server: TestServer | undefined;
afterEach(() => server?.close());

/** The server's own multipart parser (undici's), as a framework would read the upload. */
function parseForm(req: SeenRequest): Promise<FormData> {
  return new Request('http://x/', { method: 'POST', headers: req.headers as HeadersInit, body: new Uint8Array(req.rawBody) }).formData();
}

const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => i % 251);

describe.each(TRANSPORTS)('multipart uploads on the %s transport', (_name, transport) => {
  it('sends the whole body again on a retry after a 503, and the server parses it both times', async () => {
    const parsed: { title: unknown; name: string; type: string; size: number; same: boolean }[] = [];
    server = await startServer(async (req, res) => {
      const form = await parseForm(req);
      const document = form.get('document') as File;
      const received = new Uint8Array(await document.arrayBuffer());
      parsed.push({
        title: form.get('title'),
        name: document.name,
        type: document.type,
        size: received.length,
        same: received.every((b, i) => b === bytes[i]),
      });
      if (parsed.length === 1) res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"busy"}}');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const client = filesClient(server.url, transport());
    await expect(client.upload({ title: 'Invoice 7', document: file(bytes, 'invoice-7.pdf', 'application/pdf') })).resolves.toEqual({
      ok: true,
    });
    const expected = { title: 'Invoice 7', name: 'invoice-7.pdf', type: 'application/pdf', size: bytes.length, same: true };
    expect(parsed).toEqual([expected, expected]);
    expect(server.requests.map((r) => r.headers['content-type'])).toEqual([
      expect.stringMatching(/^multipart\/form-data; boundary=/),
      expect.stringMatching(/^multipart\/form-data; boundary=/),
    ]);
    // A side effect: retried only because it carries an idempotency key, the same on both attempts.
    expect(server.requests[0]?.headers['idempotency-key']).toBeDefined();
    expect(server.requests[1]?.headers['idempotency-key']).toBe(server.requests[0]?.headers['idempotency-key']);
  });

  it('sends a Blob as a file and a raw request as multipart', async () => {
    let fields: [string, string][] = [];
    server = await startServer(async (req, res) => {
      const form = await parseForm(req);
      fields = [...form.entries()].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.name}:${v.size}`]);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await filesClient(server.url, transport()).request({
      method: 'POST',
      path: '/upload',
      encoding: 'multipart',
      body: { note: new Blob(['hello']), tags: ['a', 'b'], meta: { n: 1 }, skipped: undefined },
    });
    expect(fields).toEqual([
      ['note', 'file:blob:5'],
      ['tags', 'a'],
      ['tags', 'b'],
      ['meta', '{"n":1}'],
    ]);
  });
});
