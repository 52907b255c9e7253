import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredNote {
  id: string;
  text: string;
  color: string;
  created: number;
  pinned: boolean;
}

/**
 * A tiny stand-in for the Notes API on 127.0.0.1, so the example runs with no
 * account and no network. It checks the token, stores notes in memory, pages
 * with a cursor, and answers errors the way the real API would.
 */
export async function startNotesServer(token: string): Promise<{ url: string; close(): Promise<void> }> {
  const notes: StoredNote[] = [];
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${notes.length}` }).end(JSON.stringify(body));
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, { error: { code: 'invalid_token', message: 'The token is not valid.' } });

    if (req.method === 'POST' && url.pathname === '/v1/notes') {
      const input = JSON.parse(raw) as { text: string; color: string };
      const note = {
        id: `note_${String(notes.length + 1).padStart(3, '0')}`,
        ...input,
        created: Math.floor(Date.now() / 1000),
        pinned: false,
      };
      notes.push(note);
      return send(201, note);
    }
    if (req.method === 'GET' && url.pathname === '/v1/notes') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const after = url.searchParams.get('after');
      const start = after ? notes.findIndex((n) => n.id === after) + 1 : 0;
      return send(200, { data: notes.slice(start, start + limit), has_more: start + limit < notes.length });
    }
    const id = /^\/v1\/notes\/([^/]+)$/.exec(url.pathname)?.[1];
    const note = notes.find((n) => n.id === id);
    if (req.method === 'GET' && note) return send(200, note);
    return send(404, { error: { code: 'resource_missing', message: `No such note: ${id}` } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
