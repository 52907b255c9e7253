import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiError,
  bearer,
  createClient,
  defineConnector,
  defineOperation,
  isApiError,
  isConfigurationError,
  isInputValidationError,
  isJunctionError,
  isNetworkError,
  isRateLimitError,
  type Middleware,
  NetworkError,
  noAuth,
  RateLimitError,
} from '../src/index.js';
import { tasks } from './support/tasks-connector.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const client = () => createClient(tasks, { credentials: { token: 'tok_unit_123' } });
const task = { id: 't1', title: 'x', status: 'open', createdAt: 1 };

describe('responses', () => {
  it('passes unknown keys through at every depth and accepts new enum values', async () => {
    server.use(
      http.get('https://tasks.example.test/api/tasks', () =>
        HttpResponse.json({ data: [{ ...task, status: 'archived', assignee: { id: 'u1' } }], has_more: false, url: '/tasks' }),
      ),
    );
    const page = await client().listTasks();
    expect(page).toEqual({ data: [{ ...task, status: 'archived', assignee: { id: 'u1' } }], has_more: false, url: '/tasks' });
  });

  it('resolves a 204 without a body', async () => {
    server.use(http.delete('https://tasks.example.test/api/tasks/t1', () => new HttpResponse(null, { status: 204 })));
    await expect(client().deleteTask({ id: 't1' })).resolves.toBeUndefined();
  });

  it('says so when a body was expected but empty', async () => {
    server.use(http.get('https://tasks.example.test/api/tasks/t1', () => new HttpResponse(null, { status: 200 })));
    await expect(client().getTask({ id: 't1' })).rejects.toThrow(/the body was empty/);
  });

  it('keeps a malformed JSON body as text for the error', async () => {
    server.use(
      http.get(
        'https://tasks.example.test/api/tasks/t1',
        () => new HttpResponse('{"id": "t1", oops', { headers: { 'content-type': 'application/json' } }),
      ),
    );
    await expect(client().getTask({ id: 't1' })).rejects.toMatchObject({ name: 'ResponseValidationError', body: '{"id": "t1", oops' });
  });
});

describe('errors', () => {
  it('maps provider errors with the connector parser and request id header', async () => {
    server.use(
      http.get('https://tasks.example.test/api/tasks/t1', () =>
        HttpResponse.json({ error: { code: 'gone', message: 'Task archived' } }, { status: 410, headers: { 'x-tasks-request': 'req_9' } }),
      ),
    );
    const error = await client()
      .getTask({ id: 't1' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 410,
      code: 'gone',
      providerMessage: 'Task archived',
      requestId: 'req_9',
      retryable: false,
    });
    expect((error as Error).message).toBe('tasks answered 410 to GET https://tasks.example.test/api/tasks/t1: Task archived [gone]');
  });

  it('turns a 429 into a RateLimitError with the wait, and 5xx into a retryable ApiError', async () => {
    server.use(
      http.get('https://tasks.example.test/api/tasks/limited', () =>
        HttpResponse.json({}, { status: 429, headers: { 'retry-after': '7' } }),
      ),
      http.get('https://tasks.example.test/api/tasks/broken', () => HttpResponse.text('upstream down', { status: 503 })),
    );
    const c = createClient(tasks, { credentials: { token: 'tok_unit_123' }, retry: false });
    const limited = await c.getTask({ id: 'limited' }).catch((e: unknown) => e);
    expect(isRateLimitError(limited)).toBe(true);
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 7000 });
    const broken = await c.getTask({ id: 'broken' }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ status: 503, retryable: true, message: expect.stringContaining('upstream down') });
  });

  it('maps an msw network error to a NetworkError', async () => {
    server.use(http.get('https://tasks.example.test/api/tasks/t1', () => HttpResponse.error()));
    const error = await createClient(tasks, { credentials: { token: 'tok_unit_123' }, retry: false })
      .getTask({ id: 't1' })
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ requestSent: true, retryable: true });
  });

  it('brands every error so guards work across copies of the package', () => {
    const fromAnotherCopy = Object.create(null);
    fromAnotherCopy[Symbol.for('junction.error.JunctionError')] = true;
    fromAnotherCopy[Symbol.for('junction.error.RateLimitError')] = true;
    expect(isRateLimitError(fromAnotherCopy)).toBe(true);
    expect(isJunctionError(fromAnotherCopy)).toBe(true);
    expect(isApiError(fromAnotherCopy)).toBe(false);
    expect(isApiError(new ApiError('x', { status: 400, retryable: false }))).toBe(true);
    expect(isRateLimitError(new RateLimitError('x'))).toBe(true);
    expect(isApiError(new NetworkError('x'))).toBe(false);
    expect(isJunctionError(new Error('plain'))).toBe(false);
  });

  it('gives errors a loggable JSON form', () => {
    const error = new ApiError('nope', { status: 402, code: 'card_declined', type: 'card_error', retryable: false });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'ApiError',
      message: 'nope',
      status: 402,
      code: 'card_declined',
      type: 'card_error',
      retryable: false,
    });
  });
});

describe('input', () => {
  it('names every invalid field, nested ones with their path', async () => {
    const connector = defineConnector({
      name: 'orders',
      baseUrl: 'https://orders.example.test',
      auth: noAuth(),
      operations: {
        create: defineOperation({
          method: 'POST',
          path: '/orders',
          input: z.object({ items: z.array(z.object({ sku: z.string(), qty: z.number().int().positive() })) }),
        }),
      },
    });
    const items = [
      { sku: 'a', qty: 1 },
      { sku: 2, qty: 0 },
    ];
    const orders = createClient(connector, {});
    // @ts-expect-error: sku must be a string
    const error = await orders.create({ items }).catch((e: unknown) => e);
    expect(isInputValidationError(error)).toBe(true);
    expect(error).toMatchObject({ issues: [{ path: ['items', 1, 'sku'] }, { path: ['items', 1, 'qty'] }] });
    expect((error as Error).message).toMatch(/items\[1\]\.sku: .*; items\[1\]\.qty: /);
  });
});

describe('lifecycle events', () => {
  it('emits request and response with method, URL, status, duration and attempt', async () => {
    server.use(http.get('https://tasks.example.test/api/tasks/t1', () => HttpResponse.json(task)));
    const c = client();
    const seen: unknown[] = [];
    c.on('request', (e) => seen.push(['request', e]));
    const stop = c.on('response', (e) => seen.push(['response', e]));
    await c.getTask({ id: 't1' });
    stop();
    await c.getTask({ id: 't1' });
    expect(seen).toEqual([
      [
        'request',
        expect.objectContaining({
          connector: 'tasks',
          operation: 'getTask',
          method: 'GET',
          url: 'https://tasks.example.test/api/tasks/t1',
          attempt: 1,
        }),
      ],
      ['response', expect.objectContaining({ status: 200, attempt: 1, durationMs: expect.any(Number) })],
      ['request', expect.objectContaining({ attempt: 1 })],
    ]);
  });
});

describe('the pipeline', () => {
  it('runs user middleware at named positions, in order', async () => {
    server.use(
      http.get('https://tasks.example.test/api/tasks/t1', ({ request }) =>
        HttpResponse.json({ ...task, title: request.headers.get('x-order') ?? '' }),
      ),
    );
    const tag =
      (name: string): Middleware =>
      (ctx, next) => {
        ctx.headers.set('x-order', [ctx.headers.get('x-order'), name].filter(Boolean).join(','));
        return next(ctx);
      };
    const c = createClient(tasks, {
      credentials: { token: 'tok_unit_123' },
      middleware: [{ use: tag('outer'), position: { before: 'idempotency' } }],
    });
    c.use(tag('inner'));
    c.use(tag('after-auth'), { after: 'auth' });
    const result = await c.getTask({ id: 't1' });
    expect(result.title).toBe('outer,after-auth,inner');
  });

  it('lets middleware answer without calling the transport', async () => {
    const c = client();
    c.use(async () => ({ status: 200, headers: new Headers(), data: { ...task, title: 'cached' }, url: 'cache://' }), { after: 'auth' });
    await expect(c.getTask({ id: 't1' })).resolves.toMatchObject({ title: 'cached' });
  });

  it('refuses an unknown position, naming the known layers', () => {
    expect(() => client().use((ctx, next) => next(ctx), { before: 'cache' })).toThrow(/no such layer.*auth/);
  });

  it('sends undeclared endpoints through the same pipeline with request()', async () => {
    server.use(
      http.post('https://tasks.example.test/api/v2/bulk', async ({ request }) =>
        HttpResponse.json({ got: await request.text(), auth: request.headers.get('authorization') }),
      ),
    );
    const res = await client().request({ method: 'POST', path: '/v2/bulk', body: { ids: ['a', 'b'] }, encoding: 'form' });
    expect(res).toMatchObject({ status: 200, data: { got: 'ids[0]=a&ids[1]=b', auth: 'Bearer tok_unit_123' } });
  });
});

describe('defineConnector', () => {
  it('refuses a bad base URL, a bad name and reserved operation names with clear errors', () => {
    const base = { name: 'ok', baseUrl: 'https://x.test', auth: bearer(), operations: {} };
    expect(() => defineConnector({ ...base, baseUrl: '/relative' })).toThrow(/invalid baseUrl "\/relative"/);
    expect(() => defineConnector({ ...base, name: 'Has Spaces' })).toThrow(/name "Has Spaces" is not valid/);
    const reserved = { request: defineOperation({ method: 'GET', path: '/x' }) };
    const error = (() => {
      try {
        // @ts-expect-error: "request" is the client's own method
        defineConnector({ ...base, operations: reserved });
      } catch (e) {
        return e;
      }
    })();
    expect(isConfigurationError(error)).toBe(true);
  });

  it('refuses missing credentials at creation', () => {
    // @ts-expect-error: token is required
    expect(() => createClient(tasks, { credentials: {} })).toThrow(/bearer credentials need a non-empty "token"/);
  });

  it('names the field a connector gives its bearer secret, and what was passed instead', () => {
    const keyed = defineConnector({ name: 'keyed', baseUrl: 'https://api.example.com', auth: bearer({ field: 'apiKey' }), operations: {} });
    // @ts-expect-error: this connector's credentials are { apiKey }
    expect(() => createClient(keyed, { credentials: { token: 'sk_1' } })).toThrow(
      'The bearer credentials need a non-empty "apiKey" (a string, or a function that returns one) (got "token"): pass { credentials: { apiKey: \'…\' } }.',
    );
  });
});
