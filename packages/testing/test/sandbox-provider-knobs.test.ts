import { defineConnector, defineOperation, noAuth } from '@junction/core';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BASE62,
  Collection,
  createIdGenerator,
  cursorPages,
  decodeForm,
  defineSandbox,
  IdempotencyLedger,
  type LoopbackServer,
  startLoopbackServer,
  tokenPages,
  WebhookSender,
} from '../src/index.js';

// The options a provider's sandbox uses to behave like the provider, each on its own.

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// A loose input schema: the client lets other keys through, as Stripe's generated ones do.
const loose = defineConnector({
  name: 'loose',
  baseUrl: 'https://api.loose.example',
  auth: noAuth(),
  operations: {
    createThing: defineOperation({
      method: 'POST',
      path: '/v1/things',
      encoding: 'form',
      input: z.looseObject({ name: z.string(), size: z.number().int().optional() }),
    }),
    deleteThing: defineOperation({ method: 'DELETE', path: '/v1/things/{id}', input: z.object({ id: z.string() }) }),
  },
});

const form = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
});

describe('defineSandbox provider options', () => {
  it('known: declared refuses names a loose schema does not declare; the default lets them through', async () => {
    const handlers = { createThing: ({ params }: { params: unknown }) => params };
    const strict = defineSandbox(loose, handlers, { known: 'declared' });
    const lenient = defineSandbox(loose, handlers);
    server = await startLoopbackServer({ handlers: strict.handlers, origin: strict.origin });
    const refused = await fetch(`${server.url}/v1/things`, form('name=a&colour=red'));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'parameter_unknown', params: ['colour'] } });
    expect(await (await fetch(`${server.url}/v1/things`, form('name=a&size=2'))).json()).toEqual({ name: 'a', size: 2 });
    await server.close();
    server = await startLoopbackServer({ handlers: lenient.handlers, origin: lenient.origin });
    expect((await fetch(`${server.url}/v1/things`, form('name=a&colour=red'))).status).toBe(200);
  });

  it('requestId names each request, and after sees every answer: handled, refused, limited and replayed', async () => {
    let n = 0;
    const seen: string[] = [];
    const sandbox = defineSandbox(
      loose,
      { createThing: ({ requestId }) => ({ requestId }) },
      {
        known: 'declared',
        requestId: () => `rq_${++n}`,
        idempotency: new IdempotencyLedger(),
        after: (response, { requestId, operation }) => {
          seen.push(`${operation} ${response.status}`);
          const headers = new Headers(response.headers);
          headers.set('request-id', requestId);
          return new Response(response.body, { status: response.status, headers });
        },
      },
    );
    server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    const url = `${server.url}/v1/things`;
    const first = await fetch(url, form('name=a', { 'idempotency-key': 'k' }));
    expect(await first.json()).toEqual({ requestId: 'rq_1' });
    expect(first.headers.get('request-id')).toBe('rq_1');
    const replay = await fetch(url, form('name=a', { 'idempotency-key': 'k' }));
    expect(replay.headers.get('request-id')).toBe('rq_2');
    expect(replay.headers.get('original-request')).toBe('rq_1');
    const refused = await fetch(url, form('name=a&x=1'));
    expect(refused.headers.get('request-id')).toBe('rq_3');
    expect(seen).toEqual(['createThing 200', 'createThing 200', 'createThing 400']);
  });

  it('a ledger with methods honours keys only on those methods', async () => {
    let deleted = 0;
    const sandbox = defineSandbox(
      loose,
      {
        deleteThing: ({ params }) => {
          deleted += 1;
          return { id: params.id, deleted };
        },
      },
      { idempotency: new IdempotencyLedger({ methods: ['POST'] }) },
    );
    server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    const del = () => fetch(`${server?.url}/v1/things/t1`, { method: 'DELETE', headers: { 'idempotency-key': 'k' } });
    await del();
    const again = await del();
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(deleted).toBe(2);
    expect(new IdempotencyLedger().honours('delete')).toBe(true);
    expect(new IdempotencyLedger().honours('GET')).toBe(false);
  });
});

describe('building blocks for a provider', () => {
  const items = Array.from({ length: 7 }, (_, i) => ({ id: `it_${i + 1}` }));
  const ids = (page: { items: { id: string }[] } | Response) => (page instanceof Response ? page.status : page.items.map((i) => i.id));

  it('cursor pages go back with beforeParam, and refuse a limit out of range with limitOutOfRange', async () => {
    const paginate = cursorPages<{ id: string }, Record<string, unknown>>({
      beforeParam: 'ending_before',
      defaultLimit: 2,
      limitOutOfRange: (param, value) => Response.json({ error: { param, value } }, { status: 422 }),
    });
    expect(paginate(items, { ending_before: 'it_5' })).toEqual({ items: [{ id: 'it_3' }, { id: 'it_4' }], hasMore: true, next: 'it_3' });
    expect(paginate(items, { ending_before: 'it_2', limit: 5 })).toEqual({ items: [{ id: 'it_1' }], hasMore: false });
    expect(ids(paginate(items, { ending_before: 'it_99' }))).toBe(400);
    const tooMany = paginate(items, { limit: 101 });
    expect(tooMany instanceof Response && tooMany.status).toBe(422);
    expect(tooMany instanceof Response && (await tooMany.json())).toEqual({ error: { param: 'limit', value: '101' } });
    expect(ids(paginate(items, { limit: 0 }))).toBe(422);
    // Without the option, a limit out of range is brought into range, as before.
    expect(ids(cursorPages<{ id: string }, Record<string, unknown>>({ maxLimit: 3 })(items, { limit: 50 }))).toEqual([
      'it_1',
      'it_2',
      'it_3',
    ]);
    expect(
      ids(
        tokenPages<{ id: string }, Record<string, unknown>>({ limitOutOfRange: () => new Response(null, { status: 418 }) })(items, {
          limit: -1,
        }),
      ),
    ).toBe(418);
  });

  it('counter ids in another alphabet', () => {
    const ids62 = createIdGenerator({ digits: BASE62, length: 4, separator: '_X' });
    const made = Array.from({ length: 63 }, () => ids62.next('cus'));
    expect(made[0]).toBe('cus_X0001');
    expect(made[9]).toBe('cus_X000A');
    expect(made[61]).toBe('cus_X0010');
    expect(made[62]).toBe('cus_X0011');
    expect(() => createIdGenerator({ digits: '0' })).toThrow(RangeError);
  });

  it('collections read like a Map', () => {
    const things = new Collection<{ n: number }>();
    things.set('a', { n: 1 });
    things.set('b', { n: 2 });
    expect([...things.keys()]).toEqual(['a', 'b']);
    expect([...things.values()].map((v) => v.n)).toEqual([1, 2]);
    expect([...things]).toEqual([...things.entries()]);
    expect(Object.fromEntries(things)).toEqual({ a: { n: 1 }, b: { n: 2 } });
  });

  it('decodes form text as core encodes it', () => {
    expect(decodeForm('a=1&m[k]=v&l[0][x]=1&l[1][x]=2&e[]=p&e[]=q&blank=')).toEqual({
      a: '1',
      m: { k: 'v' },
      l: [{ x: '1' }, { x: '2' }],
      e: ['p', 'q'],
      blank: '',
    });
  });

  it('a webhook sender keeps what describe picks from each event on its delivery record', async () => {
    server = await startLoopbackServer({ handlers: [http.post('/hooks', () => new HttpResponse(null, { status: 204 }))] });
    const sender = new WebhookSender({
      url: `${server.url}/hooks`,
      signer: { name: 'none', sign: () => ({}) },
      describe: (event: { id: string; type: string }) => ({ eventId: event.id, type: event.type }),
    });
    sender.send({ id: 'evt_1', type: 'thing.created' });
    await sender.flush();
    expect(sender.deliveries).toEqual([
      {
        eventId: 'evt_1',
        type: 'thing.created',
        payload: '{"id":"evt_1","type":"thing.created"}',
        attempts: 1,
        delivered: true,
        status: 204,
      },
    ]);
  });
});
