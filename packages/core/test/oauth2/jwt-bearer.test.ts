import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT_TYPE, oauth2JwtBearer } from '../../src/auth/oauth2/index.js';
import { createClient, defineConnector, defineOperation, isAuthError } from '../../src/index.js';
import { close, listen } from './support/auth-server.js';

/** A token endpoint for the JWT bearer grant, and an API that accepts what it issued; both record what they saw. */
async function startJwtServer() {
  const issued = new Set<string>();
  const forms: URLSearchParams[] = [];
  let count = 0;
  const server = createServer(async (req, res) => {
    if (req.url === '/token') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = new URLSearchParams(body);
      forms.push(form);
      const assertion = form.get('assertion') ?? '';
      res.setHeader('content-type', 'application/json');
      if (form.get('grant_type') !== JWT_BEARER_GRANT_TYPE || !assertion.startsWith('signed:')) {
        res.writeHead(400);
        res.end(JSON.stringify({ error: 'invalid_grant', error_description: `bad assertion ${assertion}` }));
        return;
      }
      const token = `at-${++count}`;
      issued.add(token);
      res.end(JSON.stringify({ access_token: token, token_type: 'Bearer' }));
      return;
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    res.writeHead(issued.has(token) ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(issued.has(token) ? { token } : { error: 'expired' }));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, forms, issued, close: () => close(server) };
}

describe('the JWT bearer grant (RFC 7523)', () => {
  let server: Awaited<ReturnType<typeof startJwtServer>>;
  beforeAll(async () => {
    server = await startJwtServer();
  });
  afterAll(() => server.close());

  const connectorFor = (scheme: ReturnType<typeof oauth2JwtBearer>) =>
    defineConnector({
      name: 'jwt-api',
      baseUrl: server.url,
      auth: scheme,
      operations: { me: defineOperation({ method: 'GET', path: '/me' }) },
    });

  it('trades a fresh assertion for a token, and signs a new one when the API answers 401', async () => {
    let signed = 0;
    const scheme = oauth2JwtBearer({ tokenUrl: `${server.url}/token`, allowInsecureRequests: true });
    const client = createClient(connectorFor(scheme), {
      credentials: { clientId: 'app', assertion: () => `signed:${++signed}` },
    });
    const before = server.forms.length;

    expect(await client.me()).toEqual({ token: expect.stringMatching(/^at-/) });
    server.issued.clear();
    expect(await client.me()).toEqual({ token: expect.stringMatching(/^at-/) });

    const forms = server.forms.slice(before);
    expect(forms.map((f) => [f.get('grant_type'), f.get('assertion'), f.get('client_id')])).toEqual([
      [JWT_BEARER_GRANT_TYPE, 'signed:1', 'app'],
      [JWT_BEARER_GRANT_TYPE, 'signed:2', 'app'],
    ]);
  });

  it('fails with an AuthError that never shows the assertion', async () => {
    const scheme = oauth2JwtBearer({ tokenUrl: `${server.url}/token`, allowInsecureRequests: true });
    const client = createClient(connectorFor(scheme), { credentials: { clientId: 'app', assertion: () => 'forged-assertion-123' } });

    const error = await client.me().catch((e: unknown) => e);

    expect(isAuthError(error) && error.code).toBe('invalid_grant');
    expect(JSON.stringify(error)).not.toContain('forged-assertion-123');
    expect(String((error as Error).message)).not.toContain('forged-assertion-123');
  });

  it('refuses credentials without a clientId or an assertion function', () => {
    const scheme = oauth2JwtBearer({ tokenUrl: `${server.url}/token`, allowInsecureRequests: true });
    expect(() => scheme.create({ clientId: '', assertion: () => 'x' })).toThrow(/clientId/);
    expect(() => scheme.create({ clientId: 'a', assertion: 'x' as unknown as () => string })).toThrow(/assertion/);
  });
});
