import { inspect } from 'node:util';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKey, basic, createClient, createRedactor, defineConnector, defineOperation, REDACTED } from '../src/index.js';
import { changingSecretMatcher } from '../src/redaction/secret-matcher.js';
import { encodedForms } from './oauth2/support/encoded-forms.js';
import { tasks } from './support/tasks-connector.js';

const TOKEN = 'tok_live_9f8e7d6c5b4a';
const QUERY_KEY = 'qk_live_aaaabbbbcccc';
const PASSWORD = 'hunter2-very-secret';
const WEBHOOK_SECRET = 'whsec_configured_field_1';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Every form in which an error or event can be shown to a person or a log. */
function shown(value: unknown): string {
  const toJSON = (value as { toJSON?: () => unknown }).toJSON?.();
  return [
    String((value as Error).message),
    JSON.stringify(value),
    JSON.stringify(toJSON),
    inspect(value, { depth: 10 }),
    String(value),
  ].join('\n');
}

/** Fails naming the form, when `text` holds `secret` in any encoding it travels in. */
function expectNoForms(text: string, secret: string, user?: string) {
  for (const [name, form] of Object.entries(encodedForms(secret, user))) {
    expect(text.includes(form), `${name} form of the secret`).toBe(false);
  }
}

describe('secrets never appear in errors, JSON, inspected forms or events', () => {
  it('redacts a bearer token that the provider echoes back in its error', async () => {
    server.use(
      http.get('https://tasks.example.test/api/tasks/:id', ({ request }) =>
        HttpResponse.json(
          { error: { message: `Token ${request.headers.get('authorization')} is revoked`, code: 'revoked' } },
          { status: 401 },
        ),
      ),
    );
    const client = createClient(tasks, { credentials: { token: TOKEN }, secrets: [WEBHOOK_SECRET] });
    const events: unknown[] = [];
    client.on('request', (e) => events.push(e));
    client.on('error', (e) => events.push(e));
    const error = await client.getTask({ id: 't' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'revoked' });
    expect((error as Error).message).toContain(`Token Bearer ${REDACTED} is revoked`);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ headers: { authorization: REDACTED } });
    for (const form of [shown(error), inspect(events, { depth: 10 }), JSON.stringify(events)]) {
      expect(form).not.toContain(TOKEN);
    }
  });

  it('redacts an API key sent as a query parameter from URLs', async () => {
    const connector = defineConnector({
      name: 'geo',
      baseUrl: 'https://geo.example.test',
      auth: apiKey({ query: 'key' }),
      operations: {
        lookup: defineOperation({
          method: 'GET',
          path: '/lookup',
          input: z.object({ q: z.string() }),
          output: z.object({ ok: z.boolean() }),
        }),
      },
    });
    server.use(http.get('https://geo.example.test/lookup', () => HttpResponse.json({ message: 'quota exhausted' }, { status: 403 })));
    const client = createClient(connector, { credentials: { apiKey: QUERY_KEY } });
    const urls: string[] = [];
    client.on('request', (e) => urls.push(e.url));
    const error = await client.lookup({ q: 'paris' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, request: { url: `https://geo.example.test/lookup?q=paris&key=${REDACTED}` } });
    expect(urls).toEqual([`https://geo.example.test/lookup?q=paris&key=${REDACTED}`]);
    expect(shown(error)).not.toContain(QUERY_KEY);
  });

  it('redacts a basic-auth password and configured secret fields from response bodies', async () => {
    const connector = defineConnector({
      name: 'legacy',
      baseUrl: 'https://legacy.example.test',
      auth: basic(),
      operations: {
        ping: defineOperation({
          method: 'POST',
          path: '/ping',
          input: z.object({ note: z.string() }),
          output: z.object({ pong: z.number() }),
        }),
      },
    });
    server.use(
      http.post('https://legacy.example.test/ping', async ({ request }) => HttpResponse.json({ pong: 'nope', echo: await request.text() })),
    );
    const client = createClient(connector, { credentials: { username: 'ada', password: PASSWORD }, secrets: [WEBHOOK_SECRET] });
    const error = await client.ping({ note: `pw=${PASSWORD} hook=${WEBHOOK_SECRET}` }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResponseValidationError', status: 200 });
    const text = shown(error);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(WEBHOOK_SECRET);
    expect(text).toContain(REDACTED);
  });

  it('redacts a Basic header the provider echoes back, and the password in every encoding', async () => {
    const password = 'hunter2 very+secret/pass';
    const connector = defineConnector({
      name: 'legacy',
      baseUrl: 'https://legacy.example.test',
      auth: basic(),
      operations: { ping: defineOperation({ method: 'GET', path: '/ping', output: z.object({ pong: z.number() }) }) },
    });
    server.use(
      http.get('https://legacy.example.test/ping', ({ request }) => {
        const header = request.headers.get('authorization') ?? '';
        const sent = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
        const forms = encodedForms(sent.slice(sent.indexOf(':') + 1), 'ada');
        return HttpResponse.json({ error: { message: `Credentials ${header} are refused`, forms } }, { status: 401 });
      }),
    );
    const client = createClient(connector, { credentials: { username: 'ada', password } });
    const events: unknown[] = [];
    client.on('request', (e) => events.push(e));
    client.on('error', (e) => events.push(e));
    const error = await client.ping().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toContain(`Credentials Basic ${REDACTED} are refused`);
    expect(events).toHaveLength(2);
    for (const form of [shown(error), inspect(events, { depth: 10 }), JSON.stringify(events)]) expectNoForms(form, password, 'ada');
  });

  it('keeps input validation messages free of secrets given as input', async () => {
    const client = createClient(tasks, { credentials: { token: TOKEN } });
    // @ts-expect-error: the wrong type on purpose
    const error = await client.createTask({ title: 42, tags: [TOKEN] }).catch((e: unknown) => e);
    expect(shown(error)).not.toContain(TOKEN);
  });

  it('shows a client without its credentials', () => {
    const client = createClient(tasks, { credentials: { token: TOKEN } });
    expect(inspect(client)).not.toContain(TOKEN);
    expect(JSON.stringify(client)).toBe(
      JSON.stringify({
        connector: 'tasks',
        baseUrl: 'https://tasks.example.test/api',
        auth: 'bearer',
        operations: ['createTask', 'getTask', 'updateTask', 'deleteTask', 'listTasks'],
      }),
    );
  });
});

describe('createRedactor', () => {
  it('blanks secret headers by name and secret values anywhere, including URL-encoded', () => {
    const r = createRedactor({ secrets: ['s3cr3t+/='], headers: ['X-Custom-Key'] });
    expect(r.headers({ 'X-Custom-Key': 'abc', Accept: 'json', Cookie: 'a=b' })).toEqual({
      'X-Custom-Key': REDACTED,
      Accept: 'json',
      Cookie: REDACTED,
    });
    expect(r.text(`a s3cr3t+/= b ${encodeURIComponent('s3cr3t+/=')}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
    expect(r.value({ deep: [{ token: 's3cr3t+/=' }] })).toEqual({ deep: [{ token: REDACTED }] });
    expect(r.url('https://user:pw@h.test/x?a=1')).toBe(`https://user:${REDACTED}@h.test/x?a=1`);
  });

  it('blanks a secret base64- and base64url-encoded, alone or inside a longer value, whatever precedes it', () => {
    const secret = 'p4ss?w>rd~~with/odd+bytes';
    const r = createRedactor({ secrets: [secret] });
    for (let prefix = 0; prefix < 6; prefix++) {
      const inner = `${'u'.repeat(prefix)}:${secret}:tail`;
      for (const encoding of ['base64', 'base64url'] as const) {
        for (const encoded of [Buffer.from(secret).toString(encoding), Buffer.from(inner).toString(encoding)]) {
          expect(r.text(`Basic ${encoded} is refused`)).toBe(`Basic ${REDACTED} is refused`);
          expect(r.text(`{"auth":"${encoded}"}`)).toBe(`{"auth":"${REDACTED}"}`);
        }
      }
    }
  });

  it('blanks a secret percent-encoded and form-encoded (spaces as +), the way client_secret_basic and request bodies carry it', () => {
    const secret = "se cret with (all) the *odd* chars!~'é";
    const r = createRedactor({ secrets: [secret] });
    const forms = encodedForms(secret, 'client id');
    for (const [name, form] of Object.entries(forms)) {
      expect(r.text(`client_secret=${form}&x=1`), name).toBe(`client_secret=${REDACTED}&x=1`);
    }
    expect(r.url(`https://h.test/cb?secret=${forms.form}`)).toBe(`https://h.test/cb?secret=${REDACTED}`);
    // Some servers write percent escapes in lowercase.
    const lowercased = forms.uriComponent.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    expect(r.text(`echo ${lowercased}`)).toBe(`echo ${REDACTED}`);
  });

  it('works out the encoded forms once per set of secrets, not on every use', () => {
    let current = ['first-token', 'client-secret'];
    const matcher = changingSecretMatcher(() => [...current]);
    const first = matcher();
    expect(matcher()).toBe(first);
    current = ['second-token', 'client-secret'];
    const second = matcher();
    expect(second).not.toBe(first);
    expect(second(`${btoa('second-token')} first-token`)).toBe(`${REDACTED} first-token`);
    expect(matcher()).toBe(second);
  });

  it('leaves ordinary text alone, and ignores secrets shorter than 4 characters in every form', () => {
    const r = createRedactor({ secrets: ['abc', 'abcd'] });
    expect(r.text('Basic realm="api", the quick brown fox')).toBe('Basic realm="api", the quick brown fox');
    expect(r.text(`x ${btoa('abc')} ${btoa('u:abc')} abc`)).toBe(`x ${btoa('abc')} ${btoa('u:abc')} abc`);
    for (const prefix of ['', 'u', 'us', 'use']) {
      expect(r.text(`Basic ${btoa(`${prefix}abcd`)}`)).toBe(`Basic ${REDACTED}`);
    }
  });

  it('reads changing secrets on every use', () => {
    let current = 'first-token';
    const r = createRedactor({ secrets: () => [current] });
    current = 'second-token';
    expect(r.text('first-token second-token')).toBe(`first-token ${REDACTED}`);
  });
});
