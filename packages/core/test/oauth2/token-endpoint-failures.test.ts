import { createServer } from 'node:http';
import { describe, expect, it, onTestFinished } from 'vitest';
import { oauth2AuthorizationCode, oauth2ClientCredentials, type TokenSet } from '../../src/auth/oauth2/index.js';
import { createClient, isAuthError, isNetworkError, isRateLimitError, isTimeoutError, type RetryEvent } from '../../src/index.js';
import { type AuthServer, close, listen } from './support/auth-server.js';
import { authorizeUser, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from './support/resource-api.js';
import { tokenCounter } from './support/token-counter.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

/** A URL on 127.0.0.1 where nothing listens: connecting is refused. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await close(server);
  return `http://127.0.0.1:${port}/oauth/token`;
}

const expired = (tokens: TokenSet): TokenSet => ({ ...tokens, expiresAt: Date.now() - 1_000 });

describe('token endpoint failures', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('turns a revoked refresh token into an AuthError (reauthorize, invalid_grant) that is not retried', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    await auth.revoke(tokens.refreshToken ?? '');
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { ...auth.postClient, tokens: expired(tokens) },
      // Quick retries, so a retry would show in the count.
      retry: { retries: 2, minDelayMs: 1 },
    });

    const error = await client.me().catch((e: unknown) => e);

    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'invalid_grant', reauthorize: true, retryable: false, status: 400 });
    expect((error as Error).message).toMatch(/must authorize again/);
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);

    // The refused refresh token is not sent again: the next call fails at once.
    await expect(client.me()).rejects.toMatchObject({ code: 'invalid_grant', reauthorize: true });
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('reports a token endpoint that refuses connections as a retryable NetworkError, which the retry layer retries', async () => {
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials({ tokenUrl: await refusingUrl(), allowInsecureRequests: true, fetch: counter.fetch });
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient, retry: { retries: 2, minDelayMs: 1 } });
    const retries: RetryEvent[] = [];
    client.on('retry', (event) => retries.push(event));

    const error = await client.me().catch((e: unknown) => e);

    expect(isNetworkError(error)).toBe(true);
    expect(retries.map((r) => r.reason)).toEqual(['network: ECONNREFUSED', 'network: ECONNREFUSED']);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', retryable: true, requestSent: false });
    expect(counter.count).toBe(3);
  });

  it('reports a refresh against an unreachable token endpoint as a NetworkError, keeping the tokens for later', async () => {
    const counter = tokenCounter();
    const tokenUrl = await refusingUrl();
    const scheme = oauth2AuthorizationCode({ tokenUrl, allowInsecureRequests: true, fetch: counter.fetch });
    const tokens: TokenSet = { accessToken: 'at-unused-but-long-enough', refreshToken: 'rt-unused-but-long-enough', tokenType: 'bearer' };
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: { clientId: 'c', clientSecret: 'client-secret-for-this-test', tokens: expired(tokens) },
      retry: false,
    });

    const error = await client.me().catch((e: unknown) => e);

    expect(isNetworkError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', retryable: true, request: { method: 'POST', url: tokenUrl } });
    // Not a dead refresh token: the next call tries again.
    await client.me().catch(() => undefined);
    expect(counter.grants).toEqual(['refresh_token', 'refresh_token']);
  });

  it('reports a 5xx from the token endpoint as a retryable ApiError, and the retry succeeds', async () => {
    let attempts = 0;
    const scheme = oauth2ClientCredentials(
      manualServer(auth, (url, init) => {
        attempts++;
        return attempts === 1
          ? Promise.resolve(new Response('<h1>503 Service Unavailable</h1>', { status: 503, headers: { 'content-type': 'text/html' } }))
          : fetch(url, init);
      }),
    );
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient, retry: { retries: 2, minDelayMs: 1 } });
    const retries: RetryEvent[] = [];
    client.on('retry', (event) => retries.push(event));

    expect(await client.me()).toEqual({ subject: auth.postClient.clientId });

    expect(attempts).toBe(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]?.reason).toBe('server_error: 503');
    expect(retries[0]?.error).toMatchObject({ name: 'ApiError', status: 503, retryable: true });
  });

  it("reports a 429 from the token endpoint as a retryable ApiError carrying its Retry-After (not the API's rate limit)", async () => {
    let attempts = 0;
    const scheme = oauth2ClientCredentials(
      manualServer(auth, (url, init) => {
        attempts++;
        return attempts === 1
          ? Promise.resolve(Response.json({ error: 'slow_down' }, { status: 429, headers: { 'retry-after': '1' } }))
          : fetch(url, init);
      }),
    );
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient, retry: { retries: 1 } });
    const retries: RetryEvent[] = [];
    const paused: unknown[] = [];
    client.on('retry', (event) => retries.push(event));
    client.on('rateLimited', (event) => paused.push(event));

    expect(await client.me()).toEqual({ subject: auth.postClient.clientId });

    expect(retries[0]?.error).toMatchObject({ name: 'ApiError', status: 429, code: 'slow_down', retryable: true });
    expect(retries[0]?.reason).toMatch(/retry-after 1s/);
    expect(retries[0]?.delayMs).toBe(1_000);
    expect(paused).toEqual([]);
    expect(isRateLimitError(retries[0]?.error)).toBe(false);
  });

  it('reports a token endpoint that does not answer in time as a retryable TimeoutError', async () => {
    const silent = createServer(() => {});
    const port = await listen(silent);
    onTestFinished(() => close(silent));
    const scheme = oauth2ClientCredentials({ tokenUrl: `http://127.0.0.1:${port}/token`, allowInsecureRequests: true, timeoutMs: 200 });
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient, retry: false });
    const error = await client.me().catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 200, retryable: true });
  });

  it('reports a token response openid-client rejects (no token_type) as an AuthError', async () => {
    const scheme = oauth2ClientCredentials(
      manualServer(auth, () => Promise.resolve(Response.json({ access_token: 'at-from-a-broken-server' }))),
    );
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient, retry: false });
    const error = await client.me().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(error).toMatchObject({ reauthorize: false, code: 'OAUTH_INVALID_RESPONSE' });
    expect((error as Error).message).toMatch(/token_type/);
  });
});
