import { exchangeAuthorizationCode, oauth2AuthorizationCode } from '@junction/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOAuthServer, type LoopbackServer, startLoopbackServer } from '../src/index.js';

const REDIRECT = 'https://app.example/callback';
const app = { clientId: 'app', clientSecret: 'app-secret' };
const oauth = createOAuthServer({ clients: [{ ...app, redirectUris: [REDIRECT] }], rotateRefreshTokens: false });
let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer({ handlers: oauth.handlers, origin: oauth.origin });
});
afterAll(() => server.close());

async function connect() {
  const auth = {
    tokenUrl: `${server.url}${oauth.paths.token}`,
    authorizationUrl: `${server.url}${oauth.paths.authorize}`,
    allowInsecureRequests: true,
  };
  const request = await oauth2AuthorizationCode(auth).createAuthorizationRequest({ clientId: app.clientId, redirectUri: REDIRECT });
  const callbackUrl = (await fetch(request.url, { redirect: 'manual' })).headers.get('location') ?? '';
  return {
    auth,
    tokens: await exchangeAuthorizationCode(auth, { ...app, callbackUrl, state: request.state, codeVerifier: request.codeVerifier }),
  };
}

const refresh = (tokenUrl: string, refreshToken: string) =>
  fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: app.clientId,
      client_secret: app.clientSecret,
    }),
  });

it('revoke(token) ends a refresh token and its access tokens without naming a client, as a provider path that takes only the token', async () => {
  const { auth, tokens } = await connect();
  const other = await connect();
  expect(oauth.revoke('unknown-token')).toBe(false);
  expect(oauth.revoke(tokens.refreshToken ?? '')).toBe(true);

  expect(oauth.verify(tokens.accessToken)).toBeUndefined();
  const refused = await refresh(auth.tokenUrl, tokens.refreshToken ?? '');
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ error: 'invalid_grant' });
  // Another authorization of the same client is untouched.
  expect(oauth.verify(other.tokens.accessToken)).toBeDefined();
  expect((await refresh(auth.tokenUrl, other.tokens.refreshToken ?? '')).status).toBe(200);
});

it('revoke(token) of an access token ends that token only', async () => {
  const { auth, tokens } = await connect();
  expect(oauth.revoke(tokens.accessToken)).toBe(true);
  expect(oauth.verify(tokens.accessToken)).toBeUndefined();
  expect((await refresh(auth.tokenUrl, tokens.refreshToken ?? '')).status).toBe(200);
});
