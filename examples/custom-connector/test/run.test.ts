import { expect, it } from 'vitest';
import { startNotesSandbox } from '../src/notes-sandbox.js';
import { run } from '../src/run.js';

it('runs the custom connector example end to end', async () => {
  const lines: string[] = [];
  const result = await run((line) => lines.push(line));
  expect(result).toEqual({ created: 25, listed: 25, stored: 25 });
  expect(lines).toContain('Listed 25 notes across pages.');
  expect(lines.some((l) => l.startsWith('Missing note -> ApiError 404 resource_missing'))).toBe(true);
  expect(lines.some((l) => /Empty note -> InputValidationError: .*text: /.test(l))).toBe(true);
  expect(lines.join('\n')).not.toContain('notes_sk_demo_4f9a2c');
});

it('the notes sandbox refuses a wrong token, unknown parameters and invalid input, as the API would', async () => {
  const api = await startNotesSandbox('tok');
  try {
    const post = (body: unknown, token = 'tok') =>
      fetch(`${api.url}/v1/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ text: 'hi' }, 'wrong')).status).toBe(401);
    const unknown = await post({ text: 'hi', pinned: true });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ error: { code: 'parameter_unknown', message: 'Unknown parameters: pinned' } });
    expect((await post({ text: '' })).status).toBe(400);
    const created = await post({ text: 'hi' });
    expect(created.status).toBe(201);
    // The schema's default colour reaches the sandbox, and the note is stored once.
    expect(await created.json()).toMatchObject({ id: 'note_001', text: 'hi', color: 'yellow', pinned: false });
    expect(api.store.notes.size).toBe(1);
  } finally {
    await api.close();
  }
});
