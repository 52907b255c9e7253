import { createServer } from 'node:http';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createAuthorizationRequest,
  exchangeAuthorizationCode,
  oauth2AuthorizationCode,
  oauth2ClientCredentials,
} from '../../src/auth/oauth2/index.js';
import { createClient } from '../../src/index.js';
import { json, startServer } from '../support/http-server.js';
import { type AuthServer, close, listen } from './support/auth-server.js';
import { encodedForms } from './support/encoded-forms.js';
import { loginAndConsent } from './support/login.js';
import { authorizeUser, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from './support/resource-api.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

/** Every way an error is commonly shown or logged. */
function renderings(error: unknown): string[] {
  const e = error as Error & { toJSON?: () => unknown };
  return [
    String(e),
    e.message,
    e.stack ?? '',
    JSON.stringify(e),
    JSON.stringify(e.toJSON?.()),
    inspect(e, { depth: 10 }),
    inspect(e.cause, { depth: 10 }),
    JSON.stringify(e.cause) ?? '',
  ];
}

function expectNoSecrets(error: unknown, secrets: (string | undefined)[], clientId?: string) {
  expect(error).toBeInstanceOf(Error);
  for (const secret of secrets) {
    expect(secret).toBeTypeOf('string');
    for (const text of renderings(error)) {
      for (const [name, form] of Object.entries(encodedForms(secret as string, clientId))) {
        expect(text.includes(form), `${name} form of ${secret}`).toBe(false);
      }
    }
  }
}

describe('no token, secret or code in errors', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('a refused refresh token (invalid_grant)', async () => {
    const scheme = oauth2AuthorizationCode(manualServer(auth, fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    await auth.revoke(tokens.refreshToken ?? '');
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, tokens: { ...tokens, expiresAt: 0 } },
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_grant' });
    expectNoSecrets(error, [auth.postClient.clientSecret, tokens.accessToken, tokens.refreshToken]);
  });

  it('a wrong client secret (invalid_client), sent in the body', async () => {
    const scheme = oauth2ClientCredentials(manualServer(auth, fetch));
    const wrong = 'wrong-secret-but-still-a-secret-9f8e7d';
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { clientId: auth.postClient.clientId, clientSecret: wrong },
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_client' });
    expectNoSecrets(error, [wrong]);
  });

  it('a client_secret_basic header and a form-encoded secret that the server echoes back in its invalid_client error', async () => {
    const clientId = 'reports app:1';
    const clientSecret = "s3cret with spaces+slashes/and (odd) chars!~'é";
    // A careless server that quotes what it was sent, header and body, in its error.
    const echo = await startServer((req, res) => {
      const description = `no client for Authorization ${req.headers.authorization ?? '-'} and body ${req.body}`;
      json(res, 401, { error: 'invalid_client', error_description: description });
    });
    try {
      for (const clientAuthentication of ['client_secret_basic', 'client_secret_post'] as const) {
        const scheme = oauth2ClientCredentials({ tokenUrl: `${echo.url}/token`, clientAuthentication, allowInsecureRequests: true });
        const client = createClient(resourceConnector(api.url, scheme), { credentials: { clientId, clientSecret }, retry: false });
        const events: unknown[] = [];
        for (const name of ['request', 'error', 'tokenRefreshed'] as const) client.on(name, (e) => events.push(e));
        const error = await client.me().catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'invalid_client' });
        expect((error as Error).message).toContain(
          clientAuthentication === 'client_secret_basic' ? '[REDACTED]' : 'client_secret=[REDACTED]',
        );
        expectNoSecrets(error, [clientSecret], clientId);
        for (const [name, form] of Object.entries(encodedForms(clientSecret, clientId))) {
          expect(JSON.stringify(events).includes(form), name).toBe(false);
          expect(inspect(events, { depth: 10 }).includes(form), name).toBe(false);
        }
      }
      expect(echo.requests.map((r) => r.headers.authorization?.split(' ')[0])).toEqual(['Basic', undefined]);
    } finally {
      await echo.close();
    }
  });

  it('a 401 from the API that is let stand', async () => {
    const scheme = oauth2AuthorizationCode(manualServer(auth, fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    await auth.revoke(tokens.accessToken);
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, tokens, refreshOnUnauthorized: false },
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expectNoSecrets(error, [auth.postClient.clientSecret, tokens.accessToken, tokens.refreshToken]);
  });

  it('an unreachable token endpoint and an invalid token response', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await close(closed);
    const refresh = 'refresh-token-nobody-may-see-1234';
    const access = 'access-token-nobody-may-see-5678';
    const unreachable = oauth2AuthorizationCode({ tokenUrl: `http://127.0.0.1:${port}/token`, allowInsecureRequests: true });
    const client = createClient(resourceConnector(api.url, unreachable), {
      credentials: {
        clientId: 'c',
        clientSecret: 'client-secret-nobody-may-see',
        tokens: { accessToken: access, refreshToken: refresh, tokenType: 'bearer', expiresAt: 0 },
      },
      retry: false,
    });
    const network = await client.me().catch((e: unknown) => e);
    expect(network).toMatchObject({ name: 'NetworkError' });
    expectNoSecrets(network, ['client-secret-nobody-may-see', access, refresh]);

    // The server's broken answer carries a token the strategy never accepted, so no redactor knows it.
    const leaked = 'token-in-a-broken-response-0000';
    const broken = oauth2ClientCredentials(manualServer(auth, () => Promise.resolve(Response.json({ access_token: leaked }))));
    const brokenClient = createClient(resourceConnector(api.url, broken), { credentials: auth.postClient, retry: false });
    const invalid = await brokenClient.me().catch((e: unknown) => e);
    expect(invalid).toMatchObject({ name: 'AuthError', code: 'OAUTH_INVALID_RESPONSE' });
    expectNoSecrets(invalid, [leaked, auth.postClient.clientSecret]);
  });

  it('a rejected callback and a refused code exchange', async () => {
    const server = manualServer(auth, fetch);
    const options = { clientId: auth.postClient.clientId, redirectUri: auth.redirectUri, scope: 'offline_access' };
    const request = await createAuthorizationRequest(server, { ...options, parameters: { prompt: 'consent' } });
    const other = await createAuthorizationRequest(server, options);
    const callbackUrl = await loginAndConsent(request.url, 'user-1', auth.redirectUri);
    const code = new URL(callbackUrl).searchParams.get('code') ?? undefined;

    const wrongState = await exchangeAuthorizationCode(server, { ...auth.postClient, callbackUrl, ...other }).catch((e: unknown) => e);
    expect(wrongState).toMatchObject({ code: 'state_mismatch' });
    expectNoSecrets(wrongState, [code, auth.postClient.clientSecret, request.codeVerifier, other.codeVerifier]);

    const wrongVerifier = await exchangeAuthorizationCode(server, {
      ...auth.postClient,
      callbackUrl,
      state: request.state,
      codeVerifier: other.codeVerifier,
    }).catch((e: unknown) => e);
    expect(wrongVerifier).toMatchObject({ code: 'invalid_grant' });
    expectNoSecrets(wrongVerifier, [code, auth.postClient.clientSecret, request.codeVerifier, other.codeVerifier]);
  });

  it('secrets() names the client secret and the tokens held, so the redactor removes them everywhere', async () => {
    const scheme = oauth2AuthorizationCode(manualServer(auth, fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const strategy = scheme.create({ ...auth.postClient, tokens });
    expect(strategy.browserSafe).toBe(false);
    expect(strategy.secrets()).toEqual(expect.arrayContaining([auth.postClient.clientSecret, tokens.accessToken, tokens.refreshToken]));
  });
});
