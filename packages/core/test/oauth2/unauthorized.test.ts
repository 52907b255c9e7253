import { describe, expect, it } from 'vitest';
import { memoryTokenStore, oauth2AuthorizationCode, oauth2ClientCredentials } from '../../src/auth/oauth2/index.js';
import { createClient, isApiError } from '../../src/index.js';
import type { AuthServer } from './support/auth-server.js';
import { authorizeUser, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from './support/resource-api.js';
import { tokenCounter } from './support/token-counter.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

describe('renewal once on a 401', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('refreshes once when the API rejects a token the store still thinks valid, and the call succeeds', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const store = memoryTokenStore();
    await store.set('user-1', tokens);
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, store, tokenKey: 'user-1' } });
    // Revoked at the server; the store's expiresAt still says an hour to go.
    await auth.revoke(tokens.accessToken);
    const unauthorizedBefore = api.answered.unauthorized;

    expect(await client.me()).toEqual({ subject: 'user-1' });

    expect(api.answered.unauthorized).toBe(unauthorizedBefore + 1);
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    expect((await store.get('user-1'))?.accessToken).not.toBe(tokens.accessToken);
  });

  it('renews once for many calls rejected with the same token', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, tokens } });
    await auth.revoke(tokens.accessToken);

    const results = await Promise.all(Array.from({ length: 20 }, () => client.me()));

    expect(results.every((r) => r.subject === 'user-1')).toBe(true);
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('lets the 401 stand when refreshOnUnauthorized is false', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, tokens, refreshOnUnauthorized: false },
    });
    await auth.revoke(tokens.accessToken);

    const error = await client.me().catch((e: unknown) => e);

    expect(isApiError(error) && error.status === 401).toBe(true);
    expect(counter.grants).toEqual(['authorization_code']);
  });

  it('requests a new client credentials token when the API rejects the current one', async () => {
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(manualServer(auth, counter.fetch));
    const store = memoryTokenStore();
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, store, tokenKey: 'cc' } });
    await client.me();
    const first = await store.get('cc');
    await auth.revoke(first?.accessToken ?? '');

    expect(await client.me()).toEqual({ subject: auth.postClient.clientId });

    expect(counter.grants).toEqual(['client_credentials', 'client_credentials']);
    expect((await store.get('cc'))?.accessToken).not.toBe(first?.accessToken);
  });
});
