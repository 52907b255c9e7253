import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { apiKey, bearer, createClient, defineConnector, defineOperation, noAuth } from '../src/index.js';
import { openEnum } from '../src/utils.js';
import { type Task, tasks } from './support/tasks-connector.js';

const client = createClient(tasks, { credentials: { token: 't' } });

describe('operation methods', () => {
  it('infer input and output from the schemas', () => {
    expectTypeOf(client.getTask).parameter(0).toEqualTypeOf<{ id: string }>();
    expectTypeOf(client.getTask({ id: 'x' })).resolves.toEqualTypeOf<Task>();
    // No output schema: the parsed body, as unknown (undefined for a 204).
    expectTypeOf(client.deleteTask({ id: 'x' })).resolves.toEqualTypeOf<unknown>();
  });

  it('reject wrong input at compile time', () => {
    // @ts-expect-error: id must be a string
    void client.getTask({ id: 1 });
    // @ts-expect-error: title is required
    void client.createTask({ tags: [] });
    // @ts-expect-error: status is a closed enum on input
    void client.updateTask({ id: 'x', status: 'archived' });
    // @ts-expect-error: input is required when a field is required
    void client.getTask();
    // @ts-expect-error: no such operation
    void client.getTasks;
  });

  it('let input be left out when nothing in it is required', () => {
    void client.listTasks();
    void client.listTasks(undefined, { signal: AbortSignal.timeout(10) });
  });

  it('keep open enums open but autocompletable', () => {
    expectTypeOf<Task['status']>().toEqualTypeOf<'open' | 'done' | (string & {})>();
    expectTypeOf(openEnum(['a', 'b']).parse('c')).toEqualTypeOf<'a' | 'b' | (string & {})>();
  });
});

describe('pagination', () => {
  it('types items and pages from the declaration', () => {
    expectTypeOf(client.listTasks.items()).toEqualTypeOf<AsyncGenerator<Task, void, undefined>>();
    expectTypeOf(client.listTasks.pages({ limit: 5 })).toEqualTypeOf<
      AsyncGenerator<{ data: Task[]; has_more: boolean }, void, undefined>
    >();
  });

  it('exist only on paginated operations', () => {
    // @ts-expect-error: getTask does not paginate
    void client.getTask.items;
  });
});

describe('declarations', () => {
  it('require a field for each path parameter', () => {
    defineOperation({ method: 'GET', path: '/a/{id}/b/{sub}', input: z.object({ id: z.string(), sub: z.number() }) });
    // @ts-expect-error: the input has no "sub"
    defineOperation({ method: 'GET', path: '/a/{id}/b/{sub}', input: z.object({ id: z.string() }) });
    // @ts-expect-error: a path with parameters needs an input
    defineOperation({ method: 'GET', path: '/a/{id}' });
  });

  it('type credentials by the auth scheme', () => {
    const keyed = defineConnector({ name: 'k', baseUrl: 'https://k.test', auth: apiKey({ header: 'x-key' }), operations: {} });
    createClient(keyed, { credentials: { apiKey: 'k' } });
    // @ts-expect-error: apiKey, not token
    createClient(keyed, { credentials: { token: 'k' } });
    // @ts-expect-error: credentials are required
    createClient(keyed, {});
    createClient(keyed, { auth: bearer().create({ token: 'replacement' }) });
    const open = defineConnector({ name: 'o', baseUrl: 'https://o.test', auth: noAuth(), operations: {} });
    createClient(open, {});
  });

  it('take a userAgent and per-call headers as strings', () => {
    createClient(tasks, { credentials: { token: 't' }, userAgent: 'my-app/1.2', headers: { 'Tasks-Version': '2025-01-01' } });
    // @ts-expect-error: header values are strings
    createClient(tasks, { credentials: { token: 't' }, headers: { 'x-n': 1 } });
    void client.getTask({ id: 'x' }, { headers: { 'user-agent': 'mine/1' } });
  });

  it('type request() without an output schema as unknown', () => {
    expectTypeOf(client.request({ method: 'GET', path: '/x' }))
      .resolves.toHaveProperty('data')
      .toEqualTypeOf<unknown>();
  });

  it('type lifecycle events by name', () => {
    client.on('response', (e) => expectTypeOf(e.status).toEqualTypeOf<number>());
    client.on('retry', (e) => expectTypeOf(e.reason).toEqualTypeOf<string>());
    // @ts-expect-error: no such event
    client.on('responded', () => {});
  });
});
