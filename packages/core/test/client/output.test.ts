import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient, defineConnector, defineOperation, noAuth } from '../../src/index.js';
import { json, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url.startsWith('/text')) res.writeHead(200, { 'content-type': 'text/plain' }).end('plain words');
    else if (req.url.startsWith('/empty')) res.writeHead(204).end();
    else json(res, 200, { id: 'e1', extra: [1, 2] });
  });
});
afterAll(() => server.close());

const api = defineConnector({
  name: 'noschema',
  baseUrl: 'https://api.noschema.test',
  auth: noAuth(),
  operations: {
    getThing: defineOperation({ method: 'GET', path: '/thing' }),
    getText: defineOperation({ method: 'GET', path: '/text' }),
    deleteThing: defineOperation({ method: 'DELETE', path: '/empty', input: z.object({ id: z.string().optional() }) }),
  },
});

describe('an operation without an output schema', () => {
  it('resolves to the parsed JSON body', async () => {
    const client = createClient(api, { baseUrl: server.url });
    await expect(client.getThing()).resolves.toEqual({ id: 'e1', extra: [1, 2] });
  });

  it('resolves to the text of a non-JSON body, and undefined for an empty one', async () => {
    const client = createClient(api, { baseUrl: server.url });
    await expect(client.getText()).resolves.toBe('plain words');
    await expect(client.deleteThing()).resolves.toBeUndefined();
  });
});
