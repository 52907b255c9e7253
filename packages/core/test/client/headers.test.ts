import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  apiKey,
  bearer,
  createClient,
  defineConnector,
  defineOperation,
  type InputValidationError,
  isConfigurationError,
  isInputValidationError,
  VERSION,
} from '../../src/index.js';
import { json, startServer, type TestServer } from '../support/http-server.js';

const SECRET = 'sk_live_header_secret_987';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());

/** The raw values of header `name` the server received on the last request (node keeps repeats apart in rawHeaders). */
function lastHeader(name: string): string | string[] | undefined {
  return server.requests.at(-1)?.headers[name.toLowerCase()];
}

const github = defineConnector({
  name: 'github',
  baseUrl: 'https://api.github.com',
  headers: { 'X-GitHub-Api-Version': '2022-11-28', Accept: 'application/vnd.github+json' },
  auth: bearer(),
  operations: {
    getUser: defineOperation({ method: 'GET', path: '/user', output: z.object({ ok: z.boolean() }) }),
    getRepo: defineOperation({
      method: 'GET',
      path: '/repo',
      headers: { 'x-github-api-version': '2024-01-01' },
      output: z.object({ ok: z.boolean() }),
    }),
  },
});

const stripeLike = defineConnector({
  name: 'stripelike',
  baseUrl: 'https://api.stripe.test',
  headers: { 'Stripe-Version': '2025-01-27.acacia' },
  auth: apiKey({ header: 'Authorization', prefix: 'Bearer ' }),
  operations: {
    getBalance: defineOperation({ method: 'GET', path: '/v1/balance' }),
  },
});

describe('header precedence: connector < client < operation < call, case-insensitive', () => {
  it('lets the client replace a connector header whatever its case', async () => {
    const client = createClient(github, {
      credentials: { token: 't' },
      baseUrl: server.url,
      headers: { 'x-github-api-version': '2026-03-10' },
    });
    await client.getUser();
    expect(lastHeader('x-github-api-version')).toBe('2026-03-10');
    expect(lastHeader('accept')).toBe('application/vnd.github+json');
  });

  it('lets an operation replace the client, and a call replace the operation', async () => {
    const client = createClient(github, {
      credentials: { token: 't' },
      baseUrl: server.url,
      headers: { 'X-GITHUB-API-VERSION': '2026-03-10' },
    });
    await client.getRepo();
    expect(lastHeader('x-github-api-version')).toBe('2024-01-01');
    await client.getRepo(undefined, { headers: { 'x-github-api-version': '2099-01-01' } });
    expect(lastHeader('x-github-api-version')).toBe('2099-01-01');
  });

  it('replaces a pinned version with a per-call one instead of joining them', async () => {
    const client = createClient(stripeLike, { credentials: { apiKey: 'sk_test_1' }, baseUrl: server.url });
    await client.getBalance(undefined, { headers: { 'stripe-version': '2026-01-01' } });
    expect(lastHeader('stripe-version')).toBe('2026-01-01');
    await client.getBalance();
    expect(lastHeader('stripe-version')).toBe('2025-01-27.acacia');
  });

  it('applies the same precedence to request()', async () => {
    const client = createClient(stripeLike, {
      credentials: { apiKey: 'sk_test_1' },
      baseUrl: server.url,
      headers: { 'STRIPE-VERSION': 'client' },
    });
    await client.request({ method: 'GET', path: '/v1/other' }, { headers: { 'Stripe-Version': 'call' } });
    expect(lastHeader('stripe-version')).toBe('call');
  });
});

describe('User-Agent', () => {
  it('names the SDK, its version and the connector on every request', async () => {
    const client = createClient(github, { credentials: { token: 't' }, baseUrl: server.url });
    await client.getUser();
    expect(lastHeader('user-agent')).toBe(`junction/${VERSION} (+github)`);
    await client.request({ method: 'GET', path: '/raw' });
    expect(lastHeader('user-agent')).toBe(`junction/${VERSION} (+github)`);
  });

  it('puts the client userAgent first, and lets a call-level User-Agent header win', async () => {
    const client = createClient(github, { credentials: { token: 't' }, baseUrl: server.url, userAgent: 'my-app/1.2' });
    await client.getUser();
    expect(lastHeader('user-agent')).toBe(`my-app/1.2 junction/${VERSION} (+github)`);
    await client.getUser(undefined, { headers: { 'user-agent': 'override/9' } });
    expect(lastHeader('user-agent')).toBe('override/9');
  });
});

describe('header values with CR, LF or NUL', () => {
  async function refused(call: () => Promise<unknown>): Promise<InputValidationError> {
    const before = server.requests.length;
    const error = await call().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isInputValidationError(error), String(error)).toBe(true);
    expect(server.requests.length).toBe(before);
    return error as InputValidationError;
  }

  it('refuses a call header with an InputValidationError naming it, without its value', async () => {
    const client = createClient(github, { credentials: { token: 't' }, baseUrl: server.url });
    for (const value of [`${SECRET}\r\nx-injected: 1`, `${SECRET}\n`, `${SECRET}\0`]) {
      const error = await refused(() => client.getUser(undefined, { headers: { 'x-trace': value } }));
      expect(error.message).toMatch(/"x-trace"/);
      expect(error.message).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
    }
  });

  it('refuses a secret from a credentials function that would break its header, without repeating it', async () => {
    const client = createClient(github, { credentials: { token: () => `${SECRET}\r\n` }, baseUrl: server.url, retry: false });
    const error = await refused(() => client.getUser());
    expect(error.message).toMatch(/"authorization"/);
    expect(error.message).not.toContain(SECRET);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('refuses a custom strategy that sets a broken header', async () => {
    const client = createClient(github, {
      auth: { kind: 'custom', browserSafe: false, secrets: () => [SECRET], authorize: (ctx) => ctx.headers.set('x-key', `${SECRET}\n`) },
      baseUrl: server.url,
      retry: false,
    });
    const error = await refused(() => client.getUser());
    expect(error.message).toMatch(/"x-key"/);
    expect(JSON.stringify(error)).not.toContain(SECRET);
  });

  it('keeps a class-based strategy with private fields working', async () => {
    class VaultStrategy {
      readonly kind = 'vault';
      readonly browserSafe = false;
      #token = 'vault_token_1';
      secrets() {
        return [this.#token];
      }
      authorize(ctx: { headers: Headers }) {
        ctx.headers.set('x-vault-token', this.#token);
      }
    }
    const client = createClient(github, { auth: new VaultStrategy(), baseUrl: server.url });
    await client.getUser();
    expect(lastHeader('x-vault-token')).toBe('vault_token_1');
    expect(JSON.stringify(client)).not.toContain('vault_token_1');
  });

  it('refuses broken connector and client headers at construction', () => {
    const make = () =>
      defineConnector({ name: 'broken', baseUrl: 'https://b.test', headers: { 'x-a': 'a\r\nb' }, auth: bearer(), operations: {} });
    expect(make).toThrow(/"x-a"/);
    try {
      createClient(github, { credentials: { token: 't' }, headers: { 'x-b': `${SECRET}\n` } });
      expect.unreachable();
    } catch (error) {
      expect(isConfigurationError(error)).toBe(true);
      expect(String((error as Error).message)).toMatch(/"x-b"/);
      expect(JSON.stringify(error)).not.toContain(SECRET);
    }
  });
});
