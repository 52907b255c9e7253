import { createIdGenerator, createObjectStore, cursorPages, defineSandbox, startLoopbackServer } from '@junction/testing';
import type { z } from 'zod';
import { type Note, notes } from './notes-connector.js';

/** A note as the sandbox keeps it: what the API returns, with a field the connector does not declare. */
type StoredNote = z.infer<typeof Note> & { pinned: boolean };

/**
 * A stand-in for the Notes API on 127.0.0.1, built from the connector's own
 * declarations with @junction/testing's sandbox kit: routes, parameters and
 * their validation come from `notes.operations`, so the two cannot drift.
 * It checks the token, stores notes in memory, pages with a cursor, and
 * answers errors the way the real API would.
 */
export async function startNotesSandbox(token: string) {
  const store = createObjectStore<{ notes: StoredNote }>(['notes']);
  const ids = createIdGenerator({ length: 3 });
  const page = cursorPages<StoredNote, { limit?: number; after?: string }>({ afterParam: 'after' });
  const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

  const sandbox = defineSandbox(
    notes,
    {
      createNote: ({ params }) => {
        const note = { id: ids.next('note'), ...params, created: Math.floor(Date.now() / 1000), pinned: false };
        return Response.json(store.notes.set(note.id, note), { status: 201 });
      },
      getNote: ({ params }) => store.notes.get(params.id) ?? error(404, 'resource_missing', `No such note: ${params.id}`),
      listNotes: ({ params }) => {
        const result = page(store.notes.all(), params);
        return result instanceof Response ? result : { data: result.items, has_more: result.hasMore };
      },
    },
    {
      before: ({ request }) =>
        request.headers.get('authorization') === `Bearer ${token}` ? undefined : error(401, 'invalid_token', 'The token is not valid.'),
      refuse: (unknown) => error(400, 'parameter_unknown', `Unknown parameters: ${unknown.join(', ')}`),
    },
  );
  const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  return { url: server.url, store, requests: server.requests, close: () => server.close() };
}
