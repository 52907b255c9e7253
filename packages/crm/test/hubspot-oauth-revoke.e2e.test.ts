import { memoryTokenStore } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createHubspotClient, HUBSPOT_REFRESH_TOKENS_URL, type HubspotOAuthOptions, hubspotOAuth } from '../src/hubspot/index.js';
import { createHubspotSandbox, type HubspotSandbox } from '../src/hubspot/sandbox/index.js';

const CLIENT = {
  clientId: 'hub-client',
  clientSecret: 'hub-secret-0123456789',
  redirectUris: ['https://app.example.com/oauth/hubspot/callback'],
};

let sandbox: HubspotSandbox;
let server: LoopbackServer;
let endpoints: HubspotOAuthOptions;

beforeAll(async () => {
  sandbox = createHubspotSandbox({ limits: false, oauth: { clients: [CLIENT] } });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  endpoints = { authorizationUrl: `${server.url}/oauth/authorize`, tokenUrl: `${server.url}/oauth/v1/token`, allowInsecureRequests: true };
});
afterAll(() => server.close());

async function connect() {
  const auth = hubspotOAuth(endpoints);
  const request = await auth.createAuthorizationRequest({ clientId: CLIENT.clientId, redirectUri: CLIENT.redirectUris[0] as string });
  const callbackUrl = (await fetch(request.url, { redirect: 'manual' })).headers.get('location') ?? '';
  return auth.exchangeAuthorizationCode({ ...CLIENT, callbackUrl, state: request.state, codeVerifier: request.codeVerifier });
}

const deleteRefreshToken = (token: string) =>
  fetch(`${server.url}${new URL(HUBSPOT_REFRESH_TOKENS_URL).pathname}/${encodeURIComponent(token)}`, { method: 'DELETE' });

it('DELETE /oauth/v1/refresh-tokens/:token disconnects: 204, the refresh token is refused, its access token ends', async () => {
  const tokens = await connect();
  const kept = await connect();
  expect(sandbox.oauth?.verify(tokens.accessToken)).toBeDefined();

  const answer = await deleteRefreshToken(tokens.refreshToken ?? '');
  expect(answer.status).toBe(204);
  expect(sandbox.oauth?.verify(tokens.accessToken)).toBeUndefined();

  // The client of that connection cannot renew: core's typed "reauthorize" error.
  const expired = { ...tokens, expiresAt: Date.now() - 1000 };
  const client = createHubspotClient({
    baseUrl: server.url,
    oauth: {
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      endpoints,
      store: memoryTokenStore(),
      tokenKey: 'hubspot:portal-1',
      tokens: expired,
    },
  });
  await expect(client.listObjects({ objectType: 'contacts' })).rejects.toMatchObject({
    name: 'AuthError',
    code: 'invalid_grant',
    reauthorize: true,
  });
  // Another connection of the same app is untouched; deleting an unknown token answers 204 too.
  expect(sandbox.oauth?.verify(kept.accessToken)).toBeDefined();
  expect((await deleteRefreshToken('rt_unknown')).status).toBe(204);
});
