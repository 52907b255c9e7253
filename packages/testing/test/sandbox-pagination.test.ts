import { createClient, defineConnector, defineOperation, noAuth } from '@junction/core';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createIdGenerator,
  createObjectStore,
  cursorPages,
  defineSandbox,
  type LoopbackServer,
  offsetPages,
  startLoopbackServer,
  tokenPages,
} from '../src/index.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const items = Array.from({ length: 7 }, (_, i) => ({ id: `it_${i + 1}` }));
const ids = (page: { items: { id: string }[] } | Response) => (page instanceof Response ? page.status : page.items.map((i) => i.id));

describe('list pages', () => {
  it('cursor pages go on after the named id, and refuse an unknown one', async () => {
    const paginate = cursorPages<{ id: string }, Record<string, unknown>>({ defaultLimit: 3 });
    const first = paginate(items, {});
    expect(first).toMatchObject({ hasMore: true, next: 'it_3' });
    expect(ids(paginate(items, { starting_after: 'it_3' }))).toEqual(['it_4', 'it_5', 'it_6']);
    expect(paginate(items, { starting_after: 'it_6', limit: 5 })).toEqual({ items: [{ id: 'it_7' }], hasMore: false });
    const bad = paginate(items, { starting_after: 'it_99' });
    expect(bad instanceof Response && bad.status).toBe(400);
  });

  it('offset pages and page tokens cover the same items once each', () => {
    const offset = offsetPages<{ id: string }, Record<string, unknown>>({ limitParam: 'count', offsetParam: 'skip' });
    expect(ids(offset(items, { count: 4, skip: 4 }))).toEqual(['it_5', 'it_6', 'it_7']);
    expect(ids(offset(items, { skip: -1 }))).toBe(400);

    const tokens = tokenPages<{ id: string }, Record<string, unknown>>({ defaultLimit: 3 });
    const seen: string[] = [];
    let params: Record<string, unknown> = {};
    for (;;) {
      const page = tokens(items, params);
      if (page instanceof Response) throw new Error('unexpected error page');
      seen.push(...page.items.map((i) => i.id));
      if (page.next === undefined) break;
      params = { page_token: page.next };
    }
    expect(seen).toEqual(items.map((i) => i.id));
    expect(ids(tokens(items, { page_token: 'garbage' }))).toBe(400);
  });

  it("serves a connector's cursor pagination end to end, from an object store with generated ids", async () => {
    const Thing = z.object({ id: z.string(), n: z.number() });
    const things = defineConnector({
      name: 'things',
      baseUrl: 'https://things.example',
      auth: noAuth(),
      operations: {
        listThings: defineOperation({
          method: 'GET',
          path: '/things',
          input: z.object({ limit: z.number().int().optional(), after: z.string().optional() }),
          output: z.object({ data: z.array(Thing), has_more: z.boolean() }),
          paginate: {
            style: 'cursor',
            items: (page) => page.data,
            nextCursor: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
            cursorParam: 'after',
          },
        }),
      },
    });
    const store = createObjectStore<{ things: z.infer<typeof Thing> }>(['things']);
    const newId = createIdGenerator({ length: 3 });
    for (let n = 1; n <= 12; n++) {
      const id = newId.next('thing');
      store.things.set(id, { id, n });
    }
    const paginate = cursorPages<z.infer<typeof Thing>, { after?: string }>({ afterParam: 'after', defaultLimit: 5 });
    const sandbox = defineSandbox(things, {
      listThings: ({ params }) => {
        const page = paginate(store.things.all(), params);
        return page instanceof Response ? page : { data: page.items, has_more: page.hasMore };
      },
    });
    server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    const client = createClient(things, { baseUrl: server.url });
    const got: string[] = [];
    for await (const thing of client.listThings.items({ limit: 5 })) got.push(thing.id);
    expect(got).toEqual(store.things.all().map((t) => t.id));
    expect(got[0]).toBe('thing_001');
    expect(server.requests.map((r) => r.query)).toEqual(['?limit=5', '?limit=5&after=thing_005', '?limit=5&after=thing_010']);
  });
});
