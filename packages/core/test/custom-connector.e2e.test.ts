import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ApiError,
  bearer,
  createClient,
  defineConnector,
  defineOperation,
  isApiError,
  isInputValidationError,
  isNetworkError,
  isResponseValidationError,
  isTimeoutError,
  type NetworkError,
} from '../src/index.js';
import { startServer } from './support/http-server.js';
import { tasks } from './support/tasks-connector.js';
import { startTasksServer } from './support/tasks-server.js';

const TOKEN = 'tok_live_e2e_secret_123';

describe('a custom connector against a real tasks API on 127.0.0.1', () => {
  let server: Awaited<ReturnType<typeof startTasksServer>>;
  let client: ReturnType<typeof createClient<typeof tasks>>;

  beforeAll(async () => {
    server = await startTasksServer({ token: TOKEN, seed: 250 });
    client = createClient(tasks, { credentials: { token: TOKEN }, baseUrl: `${server.url}/api` });
  });
  afterAll(() => server.close());

  it('creates, reads, updates and deletes a task', async () => {
    const created = await client.createTask({ title: 'Write docs', tags: ['docs'] });
    expect(created).toMatchObject({ title: 'Write docs', status: 'open', tags: ['docs'] });

    expect(await client.getTask({ id: created.id })).toEqual(created);
    const updated = await client.updateTask({ id: created.id, status: 'done' });
    expect(updated.status).toBe('done');

    await expect(client.deleteTask({ id: created.id })).resolves.toBeUndefined();
    const gone = await client.getTask({ id: created.id }).catch((e: unknown) => e);
    expect(isApiError(gone)).toBe(true);
    expect(gone).toMatchObject({ status: 404, code: 'not_found', requestId: 'req_404', retryable: false });
  });

  it('sends the connector, client and call headers, with credentials', async () => {
    const before = server.requests.length;
    await client.getTask({ id: 'task_0001' }, { headers: { 'x-trace': 'abc' } });
    const seen = server.requests[before];
    expect(seen?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'tasks-version': '2024-06-01',
      accept: 'application/json',
      'x-trace': 'abc',
    });
    expect(seen?.url).toBe('/api/tasks/task_0001');
  });

  it('walks 250 items over 25 pages, by item and by page', async () => {
    const before = server.requests.length;
    const ids: string[] = [];
    for await (const task of client.listTasks.items({ limit: 10 })) ids.push(task.id);
    expect(ids).toHaveLength(250);
    expect(new Set(ids).size).toBe(250);
    expect(ids[0]).toBe('task_0001');
    expect(ids.at(-1)).toBe('task_0250');
    expect(server.requests.length - before).toBe(25);

    let pages = 0;
    for await (const page of client.listTasks.pages({ limit: 100 })) {
      pages++;
      expect(page.data.length).toBeGreaterThan(0);
    }
    expect(pages).toBe(3);
  });

  it('stops paginating on abort without sending another request', async () => {
    const controller = new AbortController();
    const before = server.requests.length;
    const seen: string[] = [];
    const run = async () => {
      for await (const task of client.listTasks.items({ limit: 10 }, { signal: controller.signal })) {
        seen.push(task.id);
        if (seen.length === 15) controller.abort(new Error('enough'));
      }
    };
    await expect(run()).rejects.toThrow('enough');
    expect(server.requests.length - before).toBe(2);
  });

  it('stops paginating when the loop breaks', async () => {
    const before = server.requests.length;
    for await (const task of client.listTasks.items({ limit: 10 })) {
      if (task.id === 'task_0012') break;
    }
    expect(server.requests.length - before).toBe(2);
  });

  it('refuses invalid input before anything is sent, naming the field', async () => {
    const before = server.requests.length;
    const error = await client.createTask({ title: '' }).catch((e: unknown) => e);
    expect(isInputValidationError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/tasks\.createTask: title: /);
    expect(server.requests.length).toBe(before);
  });

  it('maps a wrong credential to an ApiError with the provider message, never the token', async () => {
    const bad = createClient(tasks, { credentials: { token: 'tok_wrong_credential_999' }, baseUrl: `${server.url}/api` });
    const error = (await bad.getTask({ id: 'task_0001' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', message: expect.stringContaining('Invalid token.') });
    expect(JSON.stringify(error)).not.toContain('tok_wrong_credential_999');
  });

  it('reports a response that does not match the schema, with the raw body', async () => {
    const error = await client.request({ method: 'GET', path: '/echo', output: z.object({ method: z.number() }) }).catch((e: unknown) => e);
    expect(isResponseValidationError(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, issues: [{ path: ['method'] }], body: { method: 'GET' } });
  });

  it('times out an attempt that gets no response in time', async () => {
    const error = await client.request({ method: 'GET', path: '/slow', query: { ms: 2000 } }, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 100 });
  });
});

describe('network failures', () => {
  it('turns a refused connection into a NetworkError that says the request was never sent', async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const client = createClient(tasks, { credentials: { token: TOKEN }, baseUrl: `${closed.url}/api` });
    const error = (await client.getTask({ id: 'x' }).catch((e: unknown) => e)) as NetworkError;
    expect(isNetworkError(error)).toBe(true);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.requestSent).toBe(false);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('offset, page and Link-header pagination', () => {
  const Row = z.object({ id: z.string() });
  const listings = defineConnector({
    name: 'listings',
    baseUrl: 'http://placeholder.invalid/api',
    auth: bearer(),
    operations: {
      byOffset: defineOperation({
        method: 'GET',
        path: '/tasks-by-offset',
        input: z.object({ offset: z.number().optional(), limit: z.number() }),
        output: z.object({ results: z.array(Row), total: z.number() }),
        paginate: { style: 'offset', items: (p) => p.results, offsetParam: 'offset', limitParam: 'limit', total: (p) => p.total },
      }),
      byPage: defineOperation({
        method: 'GET',
        path: '/tasks-by-page',
        input: z.object({ page: z.number().optional() }),
        output: z.object({ results: z.array(Row) }),
        paginate: { style: 'page', items: (p) => p.results, pageParam: 'page' },
      }),
      byLink: defineOperation({
        method: 'GET',
        path: '/tasks-by-link',
        output: z.array(Row),
        paginate: { style: 'link', items: (p) => p },
      }),
    },
  });
  let server: Awaited<ReturnType<typeof startTasksServer>>;
  let client: ReturnType<typeof createClient<typeof listings>>;
  beforeAll(async () => {
    server = await startTasksServer({ token: TOKEN, seed: 100 });
    client = createClient(listings, { credentials: { token: TOKEN }, baseUrl: `${server.url}/api` });
  });
  afterAll(() => server.close());

  const collect = async (iterable: AsyncIterable<{ id: string }>) => {
    const ids: string[] = [];
    for await (const row of iterable) ids.push(row.id);
    return ids;
  };

  it('follows offsets until the total', async () => {
    const before = server.requests.length;
    expect(await collect(client.byOffset.items({ limit: 30 }))).toHaveLength(100);
    expect(server.requests.length - before).toBe(4);
  });

  it('follows page numbers until an empty page', async () => {
    const ids = await collect(client.byPage.items());
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
  });

  it('follows rel="next" links with credentials', async () => {
    const before = server.requests.length;
    const ids = await collect(client.byLink.items());
    expect(ids).toHaveLength(100);
    expect(server.requests.length - before).toBe(12);
    expect(server.requests.slice(before).every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });
});
