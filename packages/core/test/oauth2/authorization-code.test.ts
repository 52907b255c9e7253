import { describe, expect, it } from 'vitest';
import {
  createAuthorizationRequest,
  exchangeAuthorizationCode,
  memoryTokenStore,
  oauth2AuthorizationCode,
  type TokenSet,
  type TokenStore,
} from '../../src/auth/oauth2/index.js';
import { createClient, isAuthError, isConfigurationError } from '../../src/index.js';
import type { AuthServer } from './support/auth-server.js';
import { loginAndConsent } from './support/login.js';
import { authorizeUser, discoveredServer, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from './support/resource-api.js';
import { tokenCounter } from './support/token-counter.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

describe('authorization code with PKCE', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('builds an authorization URL with a fresh state and an S256 PKCE challenge', async () => {
    const server = manualServer(auth, fetch);
    const options = { clientId: auth.postClient.clientId, redirectUri: auth.redirectUri, scope: ['offline_access', 'openid'] };
    const first = await createAuthorizationRequest(server, options);
    const second = await createAuthorizationRequest(server, options);

    const url = new URL(first.url);
    expect(`${url.origin}${url.pathname}`).toBe(auth.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: auth.postClient.clientId,
      response_type: 'code',
      redirect_uri: auth.redirectUri,
      scope: 'offline_access openid',
      state: first.state,
      code_challenge_method: 'S256',
    });
    const challenge = url.searchParams.get('code_challenge');
    expect(challenge).toMatch(/^[\w-]{43}$/);
    expect(first.codeVerifier).toMatch(/^[\w-]{43,128}$/);
    // The challenge is derived from the verifier, never the verifier itself.
    expect(challenge).not.toBe(first.codeVerifier);
    expect(first.url).not.toContain(first.codeVerifier);
    expect(second.state).not.toBe(first.state);
    expect(second.codeVerifier).not.toBe(first.codeVerifier);
  });

  it('logs a user in, exchanges the callback for tokens, and calls the API with them (HubSpot-style server)', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient, { accountId: 'user-42' });

    expect(tokens).toMatchObject({ tokenType: 'bearer', scope: 'offline_access' });
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThan(Date.now());
    expect(counter.grants).toEqual(['authorization_code']);

    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, tokens } });
    expect(await client.me()).toEqual({ subject: 'user-42' });
    expect(counter.count).toBe(1);
  });

  it('works with a discovered OIDC server, including the ID token openid-client checks', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(discoveredServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.basicClient, { scope: 'openid offline_access' });
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.basicClient, tokens } });
    expect(await client.me()).toEqual({ subject: 'user-1' });
    expect(counter.grants).toEqual(['authorization_code']);
  });

  it('rejects a callback whose state belongs to another request, before sending the code anywhere', async () => {
    const counter = tokenCounter();
    const server = manualServer(auth, counter.fetch);
    const options = { clientId: auth.postClient.clientId, redirectUri: auth.redirectUri, scope: 'offline_access' };
    const request = await createAuthorizationRequest(server, { ...options, parameters: { prompt: 'consent' } });
    const other = await createAuthorizationRequest(server, options);
    const callbackUrl = await loginAndConsent(request.url, 'user-1', auth.redirectUri);

    const error = await exchangeAuthorizationCode(server, {
      ...auth.postClient,
      callbackUrl,
      state: other.state,
      codeVerifier: request.codeVerifier,
    }).catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'state_mismatch', reauthorize: true });
    expect(counter.count).toBe(0);

    // The code was never sent, so the genuine exchange still succeeds.
    const tokens = await exchangeAuthorizationCode(server, { ...auth.postClient, callbackUrl, ...request });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(counter.grants).toEqual(['authorization_code']);
  });

  it('refuses a wrong PKCE verifier at the token endpoint (invalid_grant, authorize again)', async () => {
    const server = manualServer(auth, fetch);
    const options = { clientId: auth.postClient.clientId, redirectUri: auth.redirectUri, scope: 'offline_access' };
    const request = await createAuthorizationRequest(server, { ...options, parameters: { prompt: 'consent' } });
    const other = await createAuthorizationRequest(server, options);
    const callbackUrl = await loginAndConsent(request.url, 'user-1', auth.redirectUri);
    const error = await exchangeAuthorizationCode(server, {
      ...auth.postClient,
      callbackUrl,
      state: request.state,
      codeVerifier: other.codeVerifier,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AuthError', code: 'invalid_grant', reauthorize: true, status: 400 });
  });

  it('reports a declined authorization as an AuthError', async () => {
    const server = manualServer(auth, fetch);
    const request = await createAuthorizationRequest(server, { clientId: auth.postClient.clientId, redirectUri: auth.redirectUri });
    const callbackUrl = `${auth.redirectUri}?error=access_denied&state=${request.state}&iss=${encodeURIComponent(auth.issuer)}`;
    const error = await exchangeAuthorizationCode(server, { ...auth.postClient, callbackUrl, ...request }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AuthError', code: 'access_denied', reauthorize: true });
  });

  it('refreshes an expired access token, saving the rotated refresh token and calling onTokens before the new token is used', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const first = await authorizeUser(scheme, auth, auth.postClient);
    const log: string[] = [];
    const memory = memoryTokenStore();
    const store: TokenStore = {
      get: (key) => memory.get(key),
      set: (key, tokens) => {
        log.push(`saved ${tokens.accessToken} ${tokens.refreshToken}`);
        return memory.set(key, tokens);
      },
    };
    // The store says the access token has expired.
    await store.set('user-1', { ...first, expiresAt: Date.now() - 1_000 });
    log.length = 0;
    const persisted: TokenSet[] = [];

    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: {
        ...auth.postClient,
        store,
        tokenKey: 'user-1',
        onTokens: (tokens) => {
          persisted.push(tokens);
          log.push(`onTokens ${tokens.accessToken}`);
        },
      },
    });
    client.use(async (ctx, next) => {
      log.push(`sent ${ctx.headers.get('authorization')?.slice('Bearer '.length)}`);
      return next(ctx);
    });

    expect(await client.me()).toEqual({ subject: 'user-1' });

    const saved = await store.get('user-1');
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(saved?.accessToken).not.toBe(first.accessToken);
    expect(saved?.refreshToken).toEqual(expect.any(String));
    expect(saved?.refreshToken).not.toBe(first.refreshToken);
    expect(saved?.expiresAt).toBeGreaterThan(Date.now());
    expect(persisted).toEqual([saved]);
    expect(log).toEqual([
      `saved ${saved?.accessToken} ${saved?.refreshToken}`,
      `onTokens ${saved?.accessToken}`,
      `sent ${saved?.accessToken}`,
    ]);
  });

  it('asks for tokens or a store, and a tokenKey with a store', () => {
    const scheme = oauth2AuthorizationCode(manualServer(auth, fetch));
    const attempt = (credentials: Parameters<typeof scheme.create>[0]) => {
      try {
        scheme.create(credentials);
        return undefined;
      } catch (e) {
        return e;
      }
    };
    const missingTokens = attempt({ clientId: 'a' });
    expect(isConfigurationError(missingTokens)).toBe(true);
    expect((missingTokens as Error).message).toMatch(/"tokens"/);
    expect((attempt({ clientId: 'a', store: memoryTokenStore() }) as Error).message).toMatch(/tokenKey/);
    expect(attempt({ clientId: 'a', store: memoryTokenStore(), tokenKey: 'k' })).toBeUndefined();
  });

  it('fails with reauthorize when the store holds no tokens for the key', async () => {
    const scheme = oauth2AuthorizationCode(manualServer(auth, fetch));
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, store: memoryTokenStore(), tokenKey: 'nobody' },
    });
    await expect(client.me()).rejects.toMatchObject({ name: 'AuthError', code: 'missing_tokens', reauthorize: true });
  });
});
