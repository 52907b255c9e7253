import { bearer, createClient, defineConnector, defineOperation, encodeForm, isApiError } from '@junction/core';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineSandbox, type LoopbackServer, startLoopbackServer } from '../src/index.js';
import { shop } from './support/shop-connector.js';

const seen: { operation: string; params: unknown; method: string; path: string }[] = [];
const record =
  (operation: string) =>
  ({ params, request }: { params: unknown; request: Request }) => {
    seen.push({ operation, params, method: request.method, path: new URL(request.url).pathname });
    return { id: 'item_1', name: 'n', price: 1 };
  };
const sandbox = defineSandbox(shop, {
  createItem: record('createItem'),
  updateItem: record('updateItem'),
  getItem: record('getItem'),
  listItems: record('listItems'),
  ping: () => ({ pong: true }),
});

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
});
afterAll(() => server.close());
afterEach(() => {
  seen.length = 0;
});

const client = () => createClient(shop, { credentials: { token: 't' }, baseUrl: `${server.url}/api` });

describe('defineSandbox routes', () => {
  it('takes method, path (base path kept, {id} as a parameter) and parameters from each declaration', async () => {
    const api = client();
    await api.createItem({ name: 'Lamp', price: 1200, tags: ['home'] });
    await api.updateItem({ id: 'item 1/x', price: 900, active: false, metadata: { color: 'red' }, expand: ['owner'] });
    await api.getItem({ id: 'item_9' });
    await api.listItems({ limit: 5 });
    expect(seen).toEqual([
      { operation: 'createItem', method: 'POST', path: '/api/v1/items', params: { name: 'Lamp', price: 1200, tags: ['home'] } },
      {
        operation: 'updateItem',
        method: 'POST',
        path: '/api/v1/items/item%201%2Fx',
        // Form and query text becomes the schema's types: numbers, booleans, arrays; the path parameter decoded.
        params: { id: 'item 1/x', price: 900, active: false, metadata: { color: 'red' }, expand: ['owner'] },
      },
      { operation: 'getItem', method: 'GET', path: '/api/v1/items/item_9', params: { id: 'item_9' } },
      { operation: 'listItems', method: 'GET', path: '/api/v1/items', params: { limit: 5 } },
    ]);
  });

  it('applies the input schema: defaults reach the handler', async () => {
    await client().listItems({});
    expect(seen[0]?.params).toEqual({ limit: 10 });
  });

  it('answers only the declared method and path', async () => {
    const wrongMethod = await fetch(`${server.url}/api/v1/items/item_1`, { method: 'DELETE' });
    const noBasePath = await fetch(`${server.url}/v1/items/item_1`);
    expect([wrongMethod.status, noBasePath.status]).toEqual([404, 404]);
    expect(seen).toEqual([]);
  });

  it('refuses unknown parameters by name, in the body and in the query, before the handler runs', async () => {
    const body = await fetch(`${server.url}/api/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lamp', price: 1, colour: 'red', sku: 'x' }),
    });
    expect(body.status).toBe(400);
    expect(await body.json()).toEqual({
      error: {
        type: 'invalid_request',
        code: 'parameter_unknown',
        params: ['colour', 'sku'],
        message: 'Received unknown parameters: colour, sku',
      },
    });
    const query = await fetch(`${server.url}/api/v1/items?limit=2&page=3`);
    expect(query.status).toBe(400);
    expect(((await query.json()) as { error: { params: string[] } }).error.params).toEqual(['page']);
    const none = await fetch(`${server.url}/api/v1/ping?x=1`);
    expect(none.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('answers input the schema refuses with a 400 naming the field, which the client reads as an ApiError', async () => {
    const form = await fetch(`${server.url}/api/v1/items/item_1`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeForm({ price: 'cheap' }),
    });
    expect(form.status).toBe(400);
    expect(await form.json()).toMatchObject({ error: { code: 'parameter_invalid', problems: [{ path: 'price' }] } });
    const broken = await fetch(`${server.url}/api/v1/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(broken.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('uses the provider hooks for refusals and invalid input', async () => {
    const custom = defineSandbox(
      shop,
      { createItem: () => ({ id: 'x', name: 'x', price: 0 }) },
      {
        origin: 'https://other.example',
        refuse: (unknown) => Response.json({ code: 'unknown', unknown }, { status: 422 }),
        invalid: (error) => Response.json({ code: 'invalid', fields: error.issues.map((i) => i.path.join('.')) }, { status: 422 }),
      },
    );
    const local = await startLoopbackServer({ handlers: custom.handlers, origin: 'https://other.example' });
    try {
      const post = (body: unknown) =>
        fetch(`${local.url}/api/v1/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(await (await post({ name: 'a', price: 1, extra: 1 })).json()).toEqual({ code: 'unknown', unknown: ['extra'] });
      expect(await (await post({ name: '', price: -1 })).json()).toEqual({ code: 'invalid', fields: ['name', 'price'] });
    } finally {
      await local.close();
    }
  });

  it('serves the same handlers in process under msw setupServer', async () => {
    const msw = setupServer(...sandbox.handlers);
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const api = createClient(shop, { credentials: { token: 't' } });
      expect(await api.getItem({ id: 'item_3' })).toEqual({ id: 'item_1', name: 'n', price: 1 });
      expect(seen).toEqual([{ operation: 'getItem', method: 'GET', path: '/api/v1/items/item_3', params: { id: 'item_3' } }]);
    } finally {
      msw.close();
    }
  });

  it('answers a handler that throws with a 500 the client sees as an ApiError', async () => {
    const failing = defineSandbox(shop, {
      getItem: () => {
        throw new Error('boom');
      },
    });
    const local = await startLoopbackServer({ handlers: failing.handlers, origin: failing.origin });
    try {
      const api = createClient(shop, { credentials: { token: 't' }, baseUrl: `${local.url}/api`, retry: { retries: 0 } });
      const error = await api.getItem({ id: 'a' }).catch((e: unknown) => e);
      expect(isApiError(error) && error.status).toBe(500);
    } finally {
      await local.close();
    }
  });

  it('matches a fixed path before a templated one, whatever order the handlers come in', async () => {
    const api = defineConnector({
      name: 'paths',
      baseUrl: 'https://paths.example',
      auth: bearer(),
      operations: {
        getItem: defineOperation({ method: 'GET', path: '/v1/items/{id}', input: z.object({ id: z.string() }) }),
        upcomingItem: defineOperation({ method: 'GET', path: '/v1/items/upcoming', input: z.object({ owner: z.string() }) }),
      },
    });
    const paths = defineSandbox(api, {
      getItem: ({ params }) => ({ got: params.id }),
      upcomingItem: ({ params }) => ({ upcoming: params.owner }),
    });
    const local = setupServer(...paths.handlers);
    local.listen({ onUnhandledRequest: 'error' });
    try {
      const calls = createClient(api, { credentials: { token: 't' } });
      expect(await calls.upcomingItem({ owner: 'ann' })).toEqual({ upcoming: 'ann' });
      expect(await calls.getItem({ id: 'item_1' })).toEqual({ got: 'item_1' });
    } finally {
      local.close();
    }
  });

  it('refuses handlers for operations the connector does not declare', () => {
    expect(() => defineSandbox(shop, { nope: () => ({}) } as never)).toThrow(/no operation "nope"/);
  });
});
