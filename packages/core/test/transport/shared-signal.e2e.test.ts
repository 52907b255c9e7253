import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/http-server.js';
import { filesClient } from './transports.js';

let server: TestServer | undefined;
afterEach(() => server?.close());

describe('many calls sharing one AbortSignal', () => {
  it('runs 1,000 concurrent calls on one shutdown signal without a listener warning, and leaves no listener behind', async () => {
    server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      const client = filesClient(server.url, { deadlineMs: 60_000 });
      let peak = 0;
      client.on('request', () => {
        peak = Math.max(peak, getEventListeners(shutdown.signal, 'abort').length);
      });
      const results = await Promise.all(Array.from({ length: 1_000 }, () => client.getThing(undefined, { signal: shutdown.signal })));
      expect(results).toHaveLength(1_000);
      expect(server.requests).toHaveLength(1_000);
      expect(peak).toBe(1);
      expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
      // Node reports the warning on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('aborts every call on the shared signal with its reason, and leaves no listener behind', async () => {
    server = await startServer(() => {}); // never answers
    const shutdown = new AbortController();
    const client = filesClient(server.url);
    const calls = Array.from({ length: 50 }, () => client.getThing(undefined, { signal: shutdown.signal }).catch((e: unknown) => e));
    while (server.requests.length < 50) await new Promise((resolve) => setTimeout(resolve, 10));
    shutdown.abort(new Error('shutting down'));
    const errors = await Promise.all(calls);
    expect(errors.map((e) => (e as Error).message)).toEqual(Array(50).fill('shutting down'));
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
