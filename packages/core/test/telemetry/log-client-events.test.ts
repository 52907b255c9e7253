import { afterEach, expect, it } from 'vitest';
import { createClient, logClientEvents, type StructuredLogger } from '../../src/index.js';
import { acme, FAST, KEYED, TOKEN } from '../retry/support/acme-connector.js';
import { type Loopback, startLoopback } from '../retry/support/loopback.js';

const servers: Loopback[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A logger with pino's call shape that keeps what it is given. */
function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: StructuredLogger = { debug: at('debug'), info: at('info'), warn: at('warn') };
  return { logger, lines };
}

it('logs each attempt, the failure and the retry with its reason, as structured fields without the token; and stops when asked', async () => {
  const server = await startLoopback((_hit, i) => (i === 0 ? { status: 503, body: { error: 'busy' } } : { body: { id: 't1' } }));
  servers.push(server);
  const client = createClient(acme({ idempotency: KEYED }), { credentials: { token: TOKEN }, baseUrl: server.url, retry: FAST });
  const { logger, lines } = recordingLogger();
  const stop = logClientEvents(client, logger);

  await client.createThing({ name: 'a' });
  expect(lines.map((l) => [l.level, l.message])).toEqual([
    ['debug', 'junction: request sent'],
    ['warn', 'junction: attempt failed'],
    ['warn', 'junction: retrying'],
    ['debug', 'junction: request sent'],
    ['debug', 'junction: response received'],
  ]);
  expect(lines[1]!.fields).toMatchObject({ connector: 'acme', operation: 'createThing', method: 'POST', attempt: 1, status: 503 });
  expect(lines[2]!.fields).toMatchObject({ reason: 'server_error: 503', attempt: 1 });
  expect(lines[4]!.fields).toMatchObject({ status: 200, attempt: 2 });
  expect(JSON.stringify(lines)).not.toContain(TOKEN);

  stop();
  await client.createThing({ name: 'b' });
  expect(lines).toHaveLength(5);
});
