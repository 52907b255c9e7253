import { defineConnector, defineOperation, noAuth } from '@junction/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSandbox, type LoopbackServer, startLoopbackServer } from '../src/index.js';

const input = z.object({
  count: z.number().optional(),
  note: z.string().nullable().optional(),
  due: z.date().optional(),
  items: z.array(z.object({ price: z.string(), qty: z.number() })).optional(),
});
const api = defineConnector({
  name: 'decode',
  baseUrl: 'https://decode.example',
  auth: noAuth(),
  operations: {
    viaForm: defineOperation({ method: 'POST', path: '/form', encoding: 'form', input }),
    viaJson: defineOperation({ method: 'POST', path: '/json', input }),
    viaList: defineOperation({ method: 'POST', path: '/list', input: z.array(z.object({ to: z.string() })).max(2) }),
  },
});

const got: unknown[] = [];
const sandbox = defineSandbox(
  api,
  {
    viaForm: ({ params }) => {
      got.push(params);
      return {};
    },
    viaJson: ({ params }) => {
      got.push(params);
      return {};
    },
    viaList: ({ params }) => {
      got.push(params);
      return {};
    },
  },
  { alwaysAccepted: ['expand'] },
);
let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
});
afterAll(() => server.close());

const send = (path: string, type: string, body: string) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('decoding as the operation encodes', () => {
  it('reads Stripe-style form brackets into the schema types: indexed arrays, numbers, unix-second dates, empty as null', async () => {
    got.length = 0;
    const body = 'count=3&note=&due=1700000000&items[0][price]=p_1&items[0][qty]=2&items[1][price]=p_2&items[1][qty]=1&expand[0]=x';
    const res = await send('/form', 'application/x-www-form-urlencoded', body);
    expect(res.status).toBe(200);
    expect(got).toEqual([
      {
        count: 3,
        note: null,
        due: new Date(1_700_000_000_000),
        items: [
          { price: 'p_1', qty: 2 },
          { price: 'p_2', qty: 1 },
        ],
      },
    ]);
  });

  it('keeps JSON types as sent: a number sent as text is refused, not coerced', async () => {
    got.length = 0;
    const res = await send('/json', 'application/json', JSON.stringify({ count: '3' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { problems: [{ path: 'count' }] } });
    expect(got).toEqual([]);
  });

  it('accepts the always-accepted names without passing them to the handler', async () => {
    got.length = 0;
    expect((await send('/json', 'application/json', JSON.stringify({ count: 1, expand: ['a'] }))).status).toBe(200);
    expect(got).toEqual([{ count: 1 }]);
  });

  it('reads a list input from a JSON array body: validated whole, unknown fields named by item, an object refused', async () => {
    got.length = 0;
    expect((await send('/list', 'application/json', JSON.stringify([{ to: 'a' }, { to: 'b' }]))).status).toBe(200);
    expect(got).toEqual([[{ to: 'a' }, { to: 'b' }]]);

    const extra = await send('/list', 'application/json', JSON.stringify([{ to: 'a' }, { to: 'b', cc: 'c' }]));
    expect(extra.status).toBe(400);
    expect(JSON.stringify(await extra.json())).toContain('1.cc');
    const tooMany = await send('/list', 'application/json', JSON.stringify([{ to: 'a' }, { to: 'b' }, { to: 'c' }]));
    expect(tooMany.status).toBe(400);
    const object = await send('/list', 'application/json', JSON.stringify({ to: 'a' }));
    expect(await object.json()).toMatchObject({ error: { message: 'The request body must be a JSON array.' } });
    const array = await send('/json', 'application/json', JSON.stringify([{ count: 1 }]));
    expect(await array.json()).toMatchObject({ error: { message: 'The request body must be a JSON object.' } });
    expect(got).toHaveLength(1);
  });
});
