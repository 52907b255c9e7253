import { describe, expect, it, onTestFinished } from 'vitest';
import { oauth2ClientCredentials } from '../../src/auth/oauth2/index.js';
import { createClient, isAuthError, isConfigurationError, type TokenRefreshedEvent } from '../../src/index.js';
import { type AuthServer, startAuthServer } from './support/auth-server.js';
import { discoveredServer, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector, startResourceApi } from './support/resource-api.js';
import { tokenCounter } from './support/token-counter.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('client credentials', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('gets a token with a discovered server, calls the API, and reuses the token while it is fresh', async () => {
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(discoveredServer(auth, counter.fetch));
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.basicClient, refreshSkewMs: 0 } });

    expect(await client.me()).toEqual({ subject: auth.basicClient.clientId });
    expect(await client.me()).toEqual({ subject: auth.basicClient.clientId });
    expect(counter.grants).toEqual(['client_credentials']);
  });

  it('requests a new token once the first has expired, before sending (not after a 401)', async () => {
    // Tokens that live one second, so expiry really happens during the test.
    const auth = await startAuthServer({ clientCredentialsTtl: 1 });
    const api = await startResourceApi(auth);
    onTestFinished(async () => {
      await api.close();
      await auth.close();
    });
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(manualServer(auth, counter.fetch));
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, refreshSkewMs: 0, refreshOnUnauthorized: false },
    });
    const refreshed: TokenRefreshedEvent[] = [];
    client.on('tokenRefreshed', (event) => refreshed.push(event));

    await client.me();
    await sleep(1_100);
    expect(await client.me()).toEqual({ subject: auth.postClient.clientId });

    expect(counter.grants).toEqual(['client_credentials', 'client_credentials']);
    expect(api.answered.unauthorized).toBe(0);
    expect(refreshed).toHaveLength(2);
    expect(refreshed[1]).toMatchObject({ connector: 'resource', grant: 'client_credentials' });
    expect(refreshed[1]?.expiresAt).toBeGreaterThan(Date.now() - 1_000);
  });

  it('reuses a token that lives less than the default skew for half its life, instead of renewing on every call', async () => {
    // The default skew (60 s) is longer than this server's tokens live.
    const auth = await startAuthServer({ clientCredentialsTtl: 30 });
    const api = await startResourceApi(auth);
    onTestFinished(async () => {
      await api.close();
      await auth.close();
    });
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(manualServer(auth, counter.fetch));
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient });

    for (let call = 0; call < 5; call++) expect(await client.me()).toEqual({ subject: auth.postClient.clientId });

    expect(counter.grants).toEqual(['client_credentials']);
    expect(api.answered.ok).toBe(5);
  });

  it('sends the scope and extra parameters with the token request', async () => {
    const bodies: string[] = [];
    const scheme = oauth2ClientCredentials({
      ...manualServer(auth, (url, init) => {
        bodies.push(String(init.body));
        return fetch(url, init);
      }),
    });
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, scope: [], parameters: { audience_hint: 'tests' } },
    });
    await client.me();
    const sent = new URLSearchParams(bodies[0]);
    expect(sent.get('grant_type')).toBe('client_credentials');
    expect(sent.get('audience_hint')).toBe('tests');
    expect(sent.has('scope')).toBe(false);
  });

  it('refuses a wrong client secret with an AuthError that does not ask the user to authorize again', async () => {
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(discoveredServer(auth, counter.fetch));
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { clientId: auth.basicClient.clientId, clientSecret: 'not-the-secret-0123456789' },
    });
    const error = await client.me().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_client', reauthorize: false, retryable: false, status: 401 });
    expect(counter.count).toBe(1);
  });

  it('checks its configuration when the scheme and the strategy are made', () => {
    expect(() => oauth2ClientCredentials({ tokenUrl: auth.tokenUrl })).toThrow(/allowInsecureRequests/);
    expect(() => oauth2ClientCredentials({ tokenUrl: 'not a url' })).toThrow(/not an absolute URL/);
    expect(() => oauth2ClientCredentials({} as never)).toThrow(/issuer.*tokenUrl/);
    const scheme = oauth2ClientCredentials({ tokenUrl: 'https://auth.example.test/token' });
    const error = (() => {
      try {
        scheme.create({ clientId: 'a', clientSecret: '' });
      } catch (e) {
        return e;
      }
    })();
    expect(isConfigurationError(error)).toBe(true);
  });
});
