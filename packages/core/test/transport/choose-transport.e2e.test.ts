import ky from 'ky';
import { afterEach, describe, expect, it } from 'vitest';
import { isApiError, kyTransport } from '../../src/index.js';
import { startServer, type TestServer } from '../support/http-server.js';
import { filesClient } from './transports.js';

let server: TestServer | undefined;
afterEach(() => server?.close());

describe('choosing the transport', () => {
  it('sends with the fetch given in the client settings, looked up for every request', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const sent: string[] = [];
    const client = filesClient(server.url, {
      fetch: (input, init) => {
        sent.push(String(input));
        return fetch(input, init);
      },
    });
    await client.getThing();
    await client.getThing();
    expect(sent).toEqual([`${server.url}/thing`, `${server.url}/thing`]);
  });

  it("runs a user's configured ky, hooks included, with ky's own retry off and HTTP errors typed", async () => {
    server = await startServer((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"busy"}}');
    });
    const api = ky.create({
      retry: 5,
      hooks: { beforeRequest: [(request) => request.headers.set('x-from-hook', 'yes')] },
    });
    const client = filesClient(server.url, { transport: kyTransport(api), retry: false });
    const error = await client.getThing().catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('busy') });
    // ky alone would have tried a GET on 503 six times: one retry layer owns that decision.
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['x-from-hook']).toBe('yes');
  });
});
