import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  bearer,
  createClient,
  defineConnector,
  defineOperation,
  type IdempotencyPolicy,
  isApiError,
  isNetworkError,
} from '../../src/index.js';
import { json, type SeenRequest, startServer, type TestServer } from '../support/http-server.js';

// A provider like GitHub or HubSpot: it ignores any Idempotency-Key header, so each POST it receives creates a note.
function notes(idempotency?: IdempotencyPolicy) {
  return defineConnector({
    name: 'notes',
    baseUrl: 'https://notes.example.test',
    auth: bearer(),
    operations: {
      createNote: defineOperation({
        method: 'POST',
        path: '/notes',
        input: z.object({ text: z.string() }),
        output: z.object({ id: z.string() }),
      }),
    },
    ...(idempotency ? { idempotency } : {}),
  });
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A notes API that does the work, then loses the answer as `fail` says; `dedupeOn` makes it honour that header. */
async function notesServer(fail: (res: ServerResponse, attempt: number) => boolean, dedupeOn?: string) {
  const created: string[] = [];
  const byKey = new Map<string, string>();
  let attempt = 0;
  const server = await startServer((req: SeenRequest, res) => {
    const key = dedupeOn ? req.headers[dedupeOn.toLowerCase()] : undefined;
    const known = typeof key === 'string' ? byKey.get(key) : undefined;
    const id = known ?? `note_${created.push(req.body)}`;
    if (typeof key === 'string') byKey.set(key, id);
    if (fail(res, attempt++)) return;
    json(res, 201, { id });
  });
  servers.push(server);
  return { server, created };
}

const answer502 = (res: ServerResponse) => {
  json(res, 502, { message: 'Bad gateway' });
  return true;
};
const resetAfterRead = (res: ServerResponse) => {
  res.socket?.destroy();
  return true;
};
const FAST = { minDelayMs: 1, maxDelayMs: 20 };

describe('a write to a provider that ignores idempotency keys', () => {
  it('is sent once when the server created the record and then answered 502', async () => {
    const { server, created } = await notesServer(answer502);
    const client = createClient(notes(), { credentials: { token: 'tok_notes' }, baseUrl: server.url, retry: FAST });
    const error = await client.createNote({ text: 'hello' }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 502 });
    expect(created).toHaveLength(1);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['idempotency-key']).toBeUndefined();
  });

  it('is sent once when the connection reset after the server read the body', async () => {
    const { server, created } = await notesServer(resetAfterRead);
    const client = createClient(notes(), { credentials: { token: 'tok_notes' }, baseUrl: server.url, retry: FAST });
    const error = await client.createNote({ text: 'hello' }).catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ requestSent: true });
    expect(created).toHaveLength(1);
  });
});

describe('a write to a provider that declares its idempotency header', () => {
  it('is retried after a 502 with the same key, and the provider creates the record once', async () => {
    const { server, created } = await notesServer((res, attempt) => attempt === 0 && answer502(res), 'Idempotency-Key');
    const client = createClient(notes({ header: 'Idempotency-Key' }), {
      credentials: { token: 'tok_notes' },
      baseUrl: server.url,
      retry: FAST,
    });
    await expect(client.createNote({ text: 'hello' })).resolves.toEqual({ id: 'note_1' });
    expect(server.requests).toHaveLength(2);
    expect(created).toHaveLength(1);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('is retried after a reset with the same key, and the provider creates the record once', async () => {
    const { server, created } = await notesServer((res, attempt) => attempt === 0 && resetAfterRead(res), 'Idempotency-Key');
    const client = createClient(notes({ header: 'Idempotency-Key' }), {
      credentials: { token: 'tok_notes' },
      baseUrl: server.url,
      retry: FAST,
    });
    await expect(client.createNote({ text: 'hello' })).resolves.toEqual({ id: 'note_1' });
    expect(server.requests).toHaveLength(2);
    expect(created).toHaveLength(1);
  });
});
