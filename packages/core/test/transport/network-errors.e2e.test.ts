import { describe, expect, it } from 'vitest';
import { isNetworkError, type NetworkError } from '../../src/index.js';
import { startServer } from '../support/http-server.js';
import { filesClient, TRANSPORTS } from './transports.js';

const failure = (promise: Promise<unknown>) => promise.catch((e: unknown) => e) as Promise<NetworkError>;

describe.each(TRANSPORTS)('network errors on the %s transport keep their cause', (_name, transport) => {
  it('a refused connection: ECONNREFUSED, never sent', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const error = await failure(filesClient(closed.url, { ...transport(), retry: false }).getThing());
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', requestSent: false });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a port fetch refuses to use: BAD_PORT, never sent, so even a POST without a key is retried', async () => {
    const error = await failure(filesClient('http://127.0.0.1:6000', { ...transport(), retry: false }).createThing({ name: 'a' }));
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'BAD_PORT', requestSent: false });
    expect(error.message).toContain('bad port');
  });

  it('a connection reset in the middle of the body: an undici code, sent', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"ok":');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    try {
      const error = await failure(filesClient(server.url, { ...transport(), retry: false }).getThing());
      expect(isNetworkError(error)).toBe(true);
      expect(error.code).toMatch(/^(UND_ERR_[A-Z_]+|ECONNRESET)$/);
      expect(error.message).toContain(error.code);
      expect(error.requestSent).toBe(true);
      expect(error.cause).toMatchObject({ code: error.code });
    } finally {
      await server.close();
    }
  });

  it('a socket closed before any answer: a code, sent', async () => {
    const server = await startServer((req, res) => {
      void req;
      res.socket?.destroy();
    });
    try {
      const error = await failure(filesClient(server.url, { ...transport(), retry: false }).getThing());
      expect(isNetworkError(error)).toBe(true);
      expect(error.code).toMatch(/^(UND_ERR_[A-Z_]+|ECONNRESET)$/);
      expect(error.requestSent).toBe(true);
    } finally {
      await server.close();
    }
  });
});
