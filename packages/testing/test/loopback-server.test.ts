import { Agent, request as httpRequest } from 'node:http';
import { HttpResponse, http } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, startLoopbackServer } from '../src/index.js';
import { networkCode } from './support/outcome.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const echo = http.post('/echo', async ({ request }) => {
  const type = request.headers.get('content-type') ?? '';
  const body = type.includes('json')
    ? await request.json()
    : type.includes('form')
      ? Object.fromEntries(await request.formData())
      : await request.text();
  return HttpResponse.json({ type, body });
});

describe('startLoopbackServer', () => {
  it('listens on 127.0.0.1 and serves JSON handlers', async () => {
    server = await startLoopbackServer({ handlers: [http.get('/v1/ping', () => HttpResponse.json({ pong: true }))] });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/v1/ping`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ pong: true });
  });

  it('streams JSON and form bodies through to the handler', async () => {
    server = await startLoopbackServer({ handlers: [echo] });
    const json = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: 1200, currency: 'eur' }),
    });
    expect(await json.json()).toEqual({ type: 'application/json', body: { amount: 1200, currency: 'eur' } });

    const form = await fetch(`${server.url}/echo`, {
      method: 'POST',
      body: new URLSearchParams({ amount: '1200', 'metadata[order]': 'A&B' }),
    });
    expect(await form.json()).toEqual({
      type: 'application/x-www-form-urlencoded;charset=UTF-8',
      body: { amount: '1200', 'metadata[order]': 'A&B' },
    });
    expect(server.requests.map((r) => r.body)).toEqual(['{"amount":1200,"currency":"eur"}', 'amount=1200&metadata%5Border%5D=A%26B']);
  });

  it('reads a chunked body sent in many pieces', async () => {
    server = await startLoopbackServer({ handlers: [echo] });
    const pieces = Array.from({ length: 50 }, (_, i) => `piece-${i};`);
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = pieces.shift();
        if (next === undefined) return controller.close();
        await new Promise((r) => setTimeout(r, 1));
        controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const res = await fetch(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const expected = Array.from({ length: 50 }, (_, i) => `piece-${i};`).join('');
    expect(await res.json()).toEqual({ type: 'text/plain', body: expected });
    expect(server.requests[0]?.headers['transfer-encoding']).toBe('chunked');
  });

  it('passes path params, query and headers, and records the request', async () => {
    server = await startLoopbackServer({
      handlers: [
        http.get('/v1/customers/:id', ({ request, params }) =>
          HttpResponse.json(
            { id: params.id, expand: new URL(request.url).searchParams.get('expand'), auth: request.headers.get('authorization') },
            { headers: { 'x-request-id': 'req_abc' } },
          ),
        ),
      ],
    });
    const before = Date.now();
    const res = await fetch(`${server.url}/v1/customers/cus_42?expand=sources`, {
      headers: { authorization: 'Bearer sk_test', 'x-trace': 't1' },
    });
    expect(res.headers.get('x-request-id')).toBe('req_abc');
    expect(await res.json()).toEqual({ id: 'cus_42', expand: 'sources', auth: 'Bearer sk_test' });

    const [recorded] = server.requests;
    expect(recorded).toMatchObject({
      call: 1,
      method: 'GET',
      path: '/v1/customers/cus_42',
      query: '?expand=sources',
      body: '',
      status: 200,
    });
    expect(recorded?.headers).toMatchObject({ authorization: 'Bearer sk_test', 'x-trace': 't1' });
    expect(recorded?.receivedAt).toBeGreaterThanOrEqual(before);
    expect(recorded?.fault).toBeUndefined();
  });

  it('sends every Set-Cookie header separately', async () => {
    server = await startLoopbackServer({
      handlers: [
        http.get('/cookies', () => {
          const headers = new Headers();
          headers.append('set-cookie', 'a=1; Path=/');
          headers.append('set-cookie', 'b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT');
          return new HttpResponse(null, { status: 204, headers });
        }),
      ],
    });
    const res = await fetch(`${server.url}/cookies`);
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2037 07:28:00 GMT']);
  });

  it('answers an unmatched request with 404 naming the method and path', async () => {
    server = await startLoopbackServer({ handlers: [http.get('/v1/ping', () => HttpResponse.json({}))] });
    const res = await fetch(`${server.url}/v1/nothing?x=1`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { type: 'unhandled_request', message: 'No handler matches DELETE /v1/nothing.', method: 'DELETE', path: '/v1/nothing' },
    });
    expect(server.requests[0]?.status).toBe(404);
  });

  it('matches handlers written for the provider origin when given one', async () => {
    const handlers = [http.get('https://api.example.com/v1/ping', ({ request }) => HttpResponse.json({ url: request.url }))];
    server = await startLoopbackServer({ handlers, origin: 'https://api.example.com' });
    const res = await fetch(`${server.url}/v1/ping`);
    expect(await res.json()).toEqual({ url: 'https://api.example.com/v1/ping' });
    expect(server.requests[0]?.url).toBe('https://api.example.com/v1/ping');
  });

  it('prepends handlers with use() and restores them with resetHandlers()', async () => {
    server = await startLoopbackServer({ handlers: [http.get('/who', () => HttpResponse.text('initial'))] });
    server.use(http.get('/who', () => HttpResponse.text('override')));
    expect(await (await fetch(`${server.url}/who`)).text()).toBe('override');
    server.resetHandlers();
    expect(await (await fetch(`${server.url}/who`)).text()).toBe('initial');
    server.resetHandlers(http.get('/who', () => HttpResponse.text('replaced')));
    expect(await (await fetch(`${server.url}/who`)).text()).toBe('replaced');
  });

  it('turns a throwing handler into a 500 and HttpResponse.error() into a dropped connection', async () => {
    server = await startLoopbackServer({
      handlers: [
        http.get('/throws', () => {
          throw new Error('boom');
        }),
        http.get('/network-error', () => HttpResponse.error()),
      ],
    });
    const res = await fetch(`${server.url}/throws`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { type: 'handler_error', name: 'Error', message: 'boom' } });

    const error = await fetch(`${server.url}/network-error`).catch((e: unknown) => e);
    expect(networkCode(error)).toBe('ECONNRESET');
  });

  it('closes without hanging on keep-alive sockets and requests still in progress', async () => {
    let handlerStarted!: () => void;
    const started = new Promise<void>((resolve) => {
      handlerStarted = resolve;
    });
    server = await startLoopbackServer({
      handlers: [
        http.get('/quick', () => HttpResponse.json({ ok: true })),
        http.get('/never', () => {
          handlerStarted();
          return new Promise<Response>(() => {});
        }),
      ],
    });
    const agent = new Agent({ keepAlive: true });
    const get = (path: string) =>
      new Promise<number>((resolve, reject) => {
        httpRequest(`${server!.url}${path}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
          .on('error', reject)
          .end();
      });
    expect(await get('/quick')).toBe(200);
    // The agent keeps that socket open and idle; fetch opens another one and waits on it.
    expect(Object.values(agent.freeSockets).flat()).toHaveLength(1);
    const pending = fetch(`${server.url}/never`).catch((e: unknown) => e);
    await started;

    await server.close();
    server = undefined;
    expect(await pending).toBeInstanceOf(TypeError);
    agent.destroy();
  });
});
