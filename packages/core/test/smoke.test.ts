import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from '../src/index.js';
import { tasks } from './support/tasks-connector.js';

const server = setupServer(
  http.get('https://tasks.example.test/api/tasks/:id', ({ params }) =>
    HttpResponse.json({ id: params.id, title: 'x', status: 'open', createdAt: 1, extra: true }),
  ),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

it('works', async () => {
  const client = createClient(tasks, { credentials: { token: 'tok_123456' } });
  const t = await client.getTask({ id: 't1' });
  expect(t).toMatchObject({ id: 't1', extra: true });
});
