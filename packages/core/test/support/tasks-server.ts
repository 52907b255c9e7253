import { json, startServer, type TestServer } from './http-server.js';
import type { Task } from './tasks-connector.js';

/**
 * A stateful tasks API on a real loopback server: CRUD with cursor
 * pagination, plus offset, page and Link-header listings of the same data.
 */
export async function startTasksServer(options: { token: string; seed?: number }): Promise<TestServer & { tasks: Task[] }> {
  const tasks: Task[] = Array.from({ length: options.seed ?? 0 }, (_, i) => ({
    id: `task_${String(i + 1).padStart(4, '0')}`,
    title: `Seeded ${i + 1}`,
    status: 'open',
    createdAt: 1_700_000_000 + i,
  }));
  let next = tasks.length + 1;

  const server = await startServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname.replace(/^\/api/, '');
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return json(res, 401, { error: { code: 'unauthorized', message: 'Invalid token.' } }, { 'x-tasks-request': 'req_401' });
    }
    if (path === '/slow') {
      await new Promise((r) => setTimeout(r, Number(url.searchParams.get('ms') ?? 1000)));
      return json(res, 200, { ok: true });
    }
    if (path === '/echo') {
      return json(res, 200, {
        method: req.method,
        query: url.search,
        body: req.body,
        contentType: req.headers['content-type'] ?? null,
        headers: req.headers,
      });
    }
    if (path === '/tasks' && req.method === 'POST') {
      const input = JSON.parse(req.body) as { title: string; tags?: string[] };
      const task: Task = {
        id: `task_${String(next++).padStart(4, '0')}`,
        title: input.title,
        status: 'open',
        createdAt: 1_800_000_000,
        ...(input.tags ? { tags: input.tags } : {}),
      };
      tasks.push(task);
      return json(res, 201, task, { 'x-tasks-request': `req_${task.id}` });
    }
    if (path === '/tasks' && req.method === 'GET') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const after = url.searchParams.get('starting_after');
      const start = after ? tasks.findIndex((t) => t.id === after) + 1 : 0;
      const data = tasks.slice(start, start + limit);
      return json(res, 200, { data, has_more: start + limit < tasks.length });
    }
    if (path === '/tasks-by-offset') {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      return json(res, 200, { results: tasks.slice(offset, offset + limit), total: tasks.length });
    }
    if (path === '/tasks-by-page') {
      const page = Number(url.searchParams.get('page') ?? 1);
      const size = 7;
      return json(res, 200, { results: tasks.slice((page - 1) * size, page * size), page });
    }
    if (path === '/tasks-by-link') {
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const size = 9;
      const headers: Record<string, string> = {};
      if (cursor + size < tasks.length)
        headers.link = `<${server.url}/api/tasks-by-link?cursor=${cursor + size}>; rel="next", <${server.url}/api/tasks-by-link>; rel="first"`;
      return json(res, 200, tasks.slice(cursor, cursor + size), headers);
    }
    const match = /^\/tasks\/([^/]+)$/.exec(path);
    const task = match ? tasks.find((t) => t.id === decodeURIComponent(match[1] ?? '')) : undefined;
    if (!task) return json(res, 404, { error: { code: 'not_found', message: `No task at ${path}.` } }, { 'x-tasks-request': 'req_404' });
    if (req.method === 'GET') return json(res, 200, task);
    if (req.method === 'PATCH') {
      Object.assign(task, JSON.parse(req.body));
      return json(res, 200, task);
    }
    if (req.method === 'DELETE') {
      tasks.splice(tasks.indexOf(task), 1);
      res.writeHead(204).end();
      return;
    }
    return json(res, 405, { error: { message: 'Method not allowed' } });
  });
  return Object.assign(server, { tasks });
}
