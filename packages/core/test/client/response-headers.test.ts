import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createClient, defineConnector, defineOperation, noAuth } from '../../src/index.js';
import { json, startServer, type TestServer } from '../support/http-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.url.startsWith('/send')) res.writeHead(202, { 'x-message-id': 'msg_1' }).end();
    else if (req.url.startsWith('/bare')) res.writeHead(202).end();
    else {
      res.setHeader('x-request-id', 'req_9');
      json(res, 200, { id: 'e1' });
    }
  });
});
afterAll(() => server.close());

const api = defineConnector({
  name: 'headers',
  baseUrl: 'https://api.headers.test',
  auth: noAuth(),
  operations: {
    send: defineOperation({
      method: 'POST',
      path: '/send',
      output: z.object({ messageId: z.string() }),
      responseHeaders: { messageId: 'X-Message-Id' },
    }),
    bare: defineOperation({
      method: 'POST',
      path: '/bare',
      output: z.object({ messageId: z.string().optional() }),
      responseHeaders: { messageId: 'x-message-id' },
    }),
    thing: defineOperation({
      method: 'GET',
      path: '/thing',
      output: z.object({ id: z.string(), requestId: z.string() }),
      responseHeaders: { requestId: 'x-request-id' },
    }),
  },
});

describe("an operation's responseHeaders", () => {
  it('reads a header of an empty response into the output', async () => {
    const client = createClient(api, { baseUrl: server.url });
    await expect(client.send()).resolves.toEqual({ messageId: 'msg_1' });
  });

  it('leaves the field out when the response lacks the header', async () => {
    const client = createClient(api, { baseUrl: server.url });
    await expect(client.bare()).resolves.toEqual({});
  });

  it('adds the header beside the fields of a JSON body', async () => {
    const client = createClient(api, { baseUrl: server.url });
    await expect(client.thing()).resolves.toEqual({ id: 'e1', requestId: 'req_9' });
  });
});
