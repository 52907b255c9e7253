import {
  type AuthScheme,
  createAuthorizationRequest,
  createClient,
  defineConnector,
  defineOperation,
  exchangeAuthorizationCode,
  isAuthError,
  type OAuth2Server,
  oauth2AuthorizationCode,
  oauth2ClientCredentials,
} from '@junction/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOAuthServer, defineSandbox, type LoopbackServer, startLoopbackServer } from '../src/index.js';

const REDIRECT = 'https://app.example/callback';
const app = { clientId: 'app', clientSecret: 'app-secret' };
const service = { clientId: 'svc', clientSecret: 'svc-secret' };
let clock = Date.now();

const oauth = createOAuthServer({
  clients: [
    { ...app, redirectUris: [REDIRECT] },
    { ...service, authMethods: ['client_secret_basic'], scopes: ['reports'] },
    { clientId: 'spa', redirectUris: [REDIRECT] },
  ],
  expiresIn: 600,
  now: () => clock,
});

function resource<C>(baseUrl: string, auth: AuthScheme<C>) {
  return defineConnector({
    name: 'resource',
    baseUrl,
    auth,
    operations: { me: defineOperation({ method: 'GET', path: '/me', output: z.object({ who: z.string() }) }) },
  });
}
// The API the tokens are for: a sandbox that checks each bearer token with the authorization server.
const api = defineSandbox(resource('https://api.example', oauth2ClientCredentials({ tokenUrl: 'https://auth.example.com/oauth/token' })), {
  me: ({ request }) => {
    const grant = oauth.authenticate(request);
    return grant instanceof Response ? grant : { who: grant.user ?? grant.clientId };
  },
});

let authServer: LoopbackServer;
let apiServer: LoopbackServer;
beforeAll(async () => {
  authServer = await startLoopbackServer({ handlers: oauth.handlers, origin: oauth.origin });
  apiServer = await startLoopbackServer({ handlers: api.handlers, origin: api.origin });
});
afterAll(() => Promise.all([authServer.close(), apiServer.close()]));
beforeEach(() => {
  oauth.reset();
  oauth.setConsent({ approve: 'user-1' });
  clock = Date.now();
});

const server = (auth: Partial<OAuth2Server> = {}): OAuth2Server =>
  ({
    tokenUrl: `${authServer.url}${oauth.paths.token}`,
    authorizationUrl: `${authServer.url}${oauth.paths.authorize}`,
    allowInsecureRequests: true,
    ...auth,
  }) as OAuth2Server;

/** What a browser does: follows the authorization URL and lands on the redirect with the code. */
async function consent(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location') ?? '';
}

async function authorize(scheme: ReturnType<typeof oauth2AuthorizationCode>, client: { clientId: string; clientSecret?: string }) {
  const request = await scheme.createAuthorizationRequest({ clientId: client.clientId, redirectUri: REDIRECT, scope: 'notes offline' });
  const callbackUrl = await consent(request.url);
  return scheme.exchangeAuthorizationCode({ ...client, callbackUrl, state: request.state, codeVerifier: request.codeVerifier });
}

describe('the kit OAuth 2 server with core clients', () => {
  it('authorization code with PKCE: gets tokens, uses them, refreshes on expiry with rotation (client_secret_post)', async () => {
    oauth.setConsent({ approve: 'user-42' });
    const scheme = oauth2AuthorizationCode(server({ clientAuthentication: 'client_secret_post' }));
    const tokens = await authorize(scheme, app);
    expect(tokens).toMatchObject({ tokenType: 'bearer', scope: 'notes offline', refreshToken: expect.any(String) });
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());

    const client = createClient(resource(apiServer.url, scheme), { credentials: { ...app, tokens } });
    expect(await client.me()).toEqual({ who: 'user-42' });
    expect(await client.me()).toEqual({ who: 'user-42' });
    expect(oauth.issued()).toEqual(['authorization_code']);

    // The server's clock passes the expiry: the API answers 401, the client refreshes once and retries.
    clock += 601_000;
    expect(await client.me()).toEqual({ who: 'user-42' });
    expect(oauth.issued()).toEqual(['authorization_code', 'refresh_token']);
    expect(oauth.verify(tokens.accessToken)).toBeUndefined();

    // The first refresh token was rotated out: using it again is reuse, which revokes the whole authorization.
    const replayed = await fetch(`${authServer.url}${oauth.paths.token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refreshToken ?? '',
        ...{ client_id: app.clientId, client_secret: app.clientSecret },
      }),
    });
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ error: 'invalid_grant' });
    const error = await client.me().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ reauthorize: true });
  });

  it('client credentials with client_secret_basic: one token for many calls, a new one after expiry', async () => {
    const scheme = oauth2ClientCredentials(server());
    const client = createClient(resource(apiServer.url, scheme), { credentials: { ...service, scope: 'reports' } });
    expect(await client.me()).toEqual({ who: 'svc' });
    expect(await client.me()).toEqual({ who: 'svc' });
    expect(oauth.issued()).toEqual(['client_credentials']);
    clock += 601_000;
    expect(await client.me()).toEqual({ who: 'svc' });
    expect(oauth.issued()).toEqual(['client_credentials', 'client_credentials']);
  });

  it('refuses a wrong secret, a client method it does not allow, and a scope it does not grant (RFC 6749 errors)', async () => {
    const attempt = (credentials: { clientId: string; clientSecret: string; scope?: string }, auth: Partial<OAuth2Server> = {}) =>
      createClient(resource(apiServer.url, oauth2ClientCredentials(server(auth))), { credentials })
        .me()
        .catch((e: unknown) => e);
    expect(await attempt({ ...service, clientSecret: 'wrong' })).toMatchObject({ name: 'AuthError', code: 'invalid_client', status: 401 });
    expect(await attempt(service, { clientAuthentication: 'client_secret_post' })).toMatchObject({ code: 'invalid_client' });
    expect(await attempt({ ...service, scope: 'admin' })).toMatchObject({ code: 'invalid_scope' });
    expect(oauth.issued()).toEqual([]);
  });

  it('checks the PKCE verifier and makes codes single-use', async () => {
    const auth = server();
    const request = await createAuthorizationRequest(auth, { clientId: app.clientId, redirectUri: REDIRECT });
    const other = await createAuthorizationRequest(auth, { clientId: app.clientId, redirectUri: REDIRECT });
    const callbackUrl = await consent(request.url);
    const wrong = await exchangeAuthorizationCode(auth, {
      ...app,
      callbackUrl,
      state: request.state,
      codeVerifier: other.codeVerifier,
    }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ name: 'AuthError', code: 'invalid_grant', reauthorize: true });

    const next = await createAuthorizationRequest(auth, { clientId: app.clientId, redirectUri: REDIRECT });
    const nextCallback = await consent(next.url);
    const tokens = await exchangeAuthorizationCode(auth, { ...app, callbackUrl: nextCallback, ...next });
    expect(oauth.verify(tokens.accessToken)).toMatchObject({ clientId: 'app', user: 'user-1' });
    const again = await exchangeAuthorizationCode(auth, { ...app, callbackUrl: nextCallback, ...next }).catch((e: unknown) => e);
    expect(again).toMatchObject({ code: 'invalid_grant' });
    // A replayed code revokes what the first exchange got.
    expect(oauth.verify(tokens.accessToken)).toBeUndefined();
  });

  it('lets a public client in with PKCE alone, and refuses an authorization request without PKCE', async () => {
    const scheme = oauth2AuthorizationCode(server());
    const tokens = await authorize(scheme, { clientId: 'spa' });
    expect(oauth.verify(tokens.accessToken)).toMatchObject({ clientId: 'spa' });

    const url = new URL(`${authServer.url}${oauth.paths.authorize}`);
    url.search = new URLSearchParams({ client_id: 'app', redirect_uri: REDIRECT, response_type: 'code', state: 's1' }).toString();
    const back = new URL(await consent(url.href));
    expect(Object.fromEntries(back.searchParams)).toMatchObject({ error: 'invalid_request', state: 's1' });
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const request = await createAuthorizationRequest(server(), { clientId: app.clientId, redirectUri: 'https://evil.example/cb' });
    const response = await fetch(request.url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('reports scripted denial as an AuthError', async () => {
    oauth.setConsent(({ clientId }) => (clientId === 'app' ? { deny: true } : { approve: 'user-1' }));
    const auth = server();
    const request = await createAuthorizationRequest(auth, { clientId: app.clientId, redirectUri: REDIRECT });
    const callbackUrl = await consent(request.url);
    const error = await exchangeAuthorizationCode(auth, { ...app, callbackUrl, ...request }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AuthError', code: 'access_denied', reauthorize: true });
    expect(oauth.issued()).toEqual([]);
  });

  it('revokes a refresh token and every access token of its authorization (RFC 7009)', async () => {
    const scheme = oauth2AuthorizationCode(server());
    const tokens = await authorize(scheme, app);
    const revoke = (token: string, basic = `${app.clientId}:${app.clientSecret}`) =>
      fetch(`${authServer.url}${oauth.paths.revoke}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(basic).toString('base64')}` },
        body: new URLSearchParams({ token }),
      });
    expect((await revoke(tokens.refreshToken ?? '', 'app:wrong')).status).toBe(401);
    expect(oauth.verify(tokens.accessToken)).toBeDefined();
    expect((await revoke('unknown-token')).status).toBe(200);
    expect((await revoke(tokens.refreshToken ?? '')).status).toBe(200);
    expect(oauth.verify(tokens.accessToken)).toBeUndefined();
    const client = createClient(resource(apiServer.url, scheme), { credentials: { ...app, tokens } });
    await expect(client.me()).rejects.toMatchObject({ name: 'AuthError', reauthorize: true });
  });
});

describe('the kit OAuth 2 server with an issuer (RFC 9207)', () => {
  it('sends iss on the redirect, which core checks against the declared issuer', async () => {
    const issuing = createOAuthServer({ clients: [{ ...app, redirectUris: [REDIRECT] }], issuer: 'https://auth.example.com' });
    const local = await startLoopbackServer({ handlers: issuing.handlers, origin: issuing.origin });
    try {
      const declared = (issuer: string): OAuth2Server => ({
        tokenUrl: `${local.url}${issuing.paths.token}`,
        authorizationUrl: `${local.url}${issuing.paths.authorize}`,
        issuer,
        allowInsecureRequests: true,
      });
      const request = await createAuthorizationRequest(declared('https://auth.example.com'), {
        clientId: app.clientId,
        redirectUri: REDIRECT,
      });
      const callbackUrl = await consent(request.url);
      expect(new URL(callbackUrl).searchParams.get('iss')).toBe('https://auth.example.com');
      const wrong = await exchangeAuthorizationCode(declared('https://other.example'), { ...app, callbackUrl, ...request }).catch(
        (e: unknown) => e,
      );
      expect(wrong).toMatchObject({ name: 'AuthError', code: 'issuer_mismatch' });
      const tokens = await exchangeAuthorizationCode(declared('https://auth.example.com'), { ...app, callbackUrl, ...request });
      expect(issuing.verify(tokens.accessToken)).toMatchObject({ user: 'user-1' });
    } finally {
      await local.close();
    }
  });
});
