import { createClient, isApiError, isInputValidationError } from '@junction/core';
import { notes } from './notes-connector.js';
import { startNotesSandbox } from './notes-sandbox.js';

/**
 * The example, as a function so its test can run it: the four moves of an
 * integration against a local Notes API.
 */
export async function run(log: (line: string) => void = console.log): Promise<{ created: number; listed: number; stored: number }> {
  const token = 'notes_sk_demo_4f9a2c';
  const api = await startNotesSandbox(token);
  try {
    // 1. Authenticate: the connector says "bearer"; we supply the token.
    const client = createClient(notes, { credentials: { token }, baseUrl: api.url });
    client.on('response', (e) => log(`  ${e.method} ${new URL(e.url).pathname} -> ${e.status} (${e.durationMs.toFixed(1)} ms)`));

    // 2. Request: typed methods, validated input.
    log('Creating 25 notes…');
    for (let i = 1; i <= 25; i++) await client.createNote({ text: `Note number ${i}`, color: i % 2 ? 'yellow' : 'blue' });

    // 3. Map the response: typed output, new fields (`pinned`) kept; pagination as an iterator.
    const first = await client.getNote({ id: 'note_001' });
    log(`First note: "${first.text}" (${first.color}), extra field pinned=${String((first as Record<string, unknown>).pinned)}`);
    let listed = 0;
    for await (const note of client.listNotes.items({ limit: 10 })) {
      listed++;
      void note;
    }
    log(`Listed ${listed} notes across pages.`);

    // …and its failures, as typed errors.
    try {
      await client.getNote({ id: 'note_999' });
    } catch (error) {
      if (isApiError(error)) log(`Missing note -> ApiError ${error.status} ${error.code}: ${error.message}`);
    }
    try {
      await client.createNote({ text: '' });
    } catch (error) {
      if (isInputValidationError(error)) log(`Empty note -> InputValidationError: ${error.message}`);
    }
    // 4. React to events: see the webhooks example (coming with the events layer).
    return { created: 25, listed, stored: api.store.notes.size };
  } finally {
    await api.close();
  }
}
