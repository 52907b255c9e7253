import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient, defineConnector, defineOperation, isInputValidationError, noAuth } from '../../src/index.js';
import { json, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());

const items = defineConnector({
  name: 'items',
  baseUrl: 'https://api.items.test',
  auth: noAuth(),
  operations: {
    getItem: defineOperation({
      method: 'GET',
      path: '/v1/users/{userId}/items/{itemId}',
      input: z.object({ userId: z.string(), itemId: z.string() }),
    }),
  },
});

const client = () => createClient(items, { baseUrl: `${server.url}/api`, retry: false });

/** The path the server received for a call with `userId`, or the error the call threw before sending. */
async function send(userId: string): Promise<{ path: string } | { error: unknown }> {
  const before = server.requests.length;
  try {
    await client().getItem({ userId, itemId: 'i1' });
  } catch (error) {
    expect(server.requests.length).toBe(before);
    return { error };
  }
  const url = server.requests.at(-1)?.url ?? '';
  return { path: url.split('?')[0] as string };
}

describe('path parameters stay inside their segment', () => {
  it('refuses "." and ".." before sending, with an InputValidationError naming the parameter', async () => {
    for (const value of ['.', '..']) {
      const result = await send(value);
      expect('error' in result && isInputValidationError(result.error), `${value} was sent`).toBe(true);
      const error = (result as { error: Error & { issues: unknown[] } }).error;
      expect(error.message).toMatch(/^Invalid input for items\.getItem: path parameter "userId"/);
      expect(error.issues).toEqual([{ path: ['userId'], message: expect.any(String) }]);
    }
  });

  it('refuses an empty value and a lone surrogate', async () => {
    for (const value of ['', '\uD800']) {
      const result = await send(value);
      expect('error' in result && isInputValidationError(result.error)).toBe(true);
    }
  });

  it('keeps every other hostile value inside its segment', async () => {
    const hostile = [
      '../x',
      '../../admin',
      '?admin=1',
      '#frag',
      'a/b',
      '/',
      '%2e%2e',
      '%2E%2e',
      '%2F',
      '..%2F',
      'a\r\nb',
      'a\0b',
      '\\..\\x',
      '.%2e',
      ' ',
      '...',
    ];
    for (const value of hostile) {
      const result = await send(value);
      expect('path' in result, `${JSON.stringify(value)} was refused`).toBe(true);
      const path = (result as { path: string }).path;
      const segments = path.split('/');
      expect(segments.slice(0, 4), JSON.stringify(value)).toEqual(['', 'api', 'v1', 'users']);
      expect(segments.slice(5), JSON.stringify(value)).toEqual(['items', 'i1']);
      expect(decodeURIComponent(segments[4] as string), JSON.stringify(value)).toBe(value);
    }
  });
});
