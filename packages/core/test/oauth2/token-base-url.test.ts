import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryTokenStore, type OAuth2Fetch, oauth2AuthorizationCode, type TokenSet } from '../../src/auth/oauth2/index.js';
import { createClient, defineConnector, defineOperation, isApiError, isConfigurationError } from '../../src/index.js';
import { type AuthServer, close, listen, startAuthServer } from './support/auth-server.js';
import { authorizeUser, manualServer } from './support/oauth-setup.js';
import { tokenCounter } from './support/token-counter.js';

/** An API on its own origin that accepts live tokens from the test server and records the paths it was asked for. */
async function startApi(auth: AuthServer, expiredCode = 'TOKEN_EXPIRED') {
  const paths: string[] = [];
  const server = createServer(async (req, res) => {
    paths.push(req.url ?? '');
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const found = token ? await auth.provider.AccessToken.find(token) : undefined;
    if (!found) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: expiredCode, message: 'Session expired or invalid' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ subject: found.accountId, path: req.url }));
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, paths, close: () => close(server) };
}

type Api = Awaited<ReturnType<typeof startApi>>;

/** Adds `api_base` to each token response (as Salesforce adds `instance_url`), naming the API in `bases()`; optionally drops `expires_in`. */
function namingFetch(inner: OAuth2Fetch, bases: () => string, dropExpiry = false): OAuth2Fetch {
  return async (url, init) => {
    const response = await inner(url, init);
    if (!new URL(url).pathname.endsWith('/token') || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    if (dropExpiry) delete body.expires_in;
    return new Response(JSON.stringify({ ...body, api_base: bases() }), { status: response.status, headers: response.headers });
  };
}

const STAND_IN = 'https://api.example.invalid/v9';

function connectorWith(scheme: ReturnType<typeof oauth2AuthorizationCode>) {
  return defineConnector({
    name: 'named-base',
    baseUrl: STAND_IN,
    auth: scheme,
    operations: { me: defineOperation({ method: 'GET', path: '/me' }) },
  });
}

describe('a base URL named by the token response', () => {
  let auth: AuthServer;
  let apiA: Api;
  let apiB: Api;
  beforeAll(async () => {
    auth = await startAuthServer();
    apiA = await startApi(auth);
    apiB = await startApi(auth);
  });
  afterAll(async () => {
    await apiA.close();
    await apiB.close();
    await auth.close();
  });

  const baseUrlFrom = (tokens: TokenSet) => `${String(tokens.extra?.api_base)}/v9`;

  it('keeps the token response fields in tokens.extra and sends each call under the base they name', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(
      manualServer(
        auth,
        namingFetch(counter.fetch, () => apiA.url),
      ),
      { baseUrlFrom },
    );
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    expect(tokens.extra?.api_base).toBe(apiA.url);
    const client = createClient(connectorWith(scheme), { credentials: { ...auth.postClient, tokens } });
    const before = apiA.paths.length;

    const result = await client.me();

    expect(result).toMatchObject({ subject: 'user-1', path: '/v9/me' });
    expect(apiA.paths.slice(before)).toEqual(['/v9/me']);
  });

  it('moves later calls to the new base when a renewal names another one', async () => {
    let base = apiA.url;
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(
      manualServer(
        auth,
        namingFetch(counter.fetch, () => base),
      ),
      { baseUrlFrom },
    );
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const store = memoryTokenStore();
    const client = createClient(connectorWith(scheme), { credentials: { ...auth.postClient, tokens, store, tokenKey: 'u1' } });
    await client.me();
    // The org moved: the token is revoked, and the refresh names the other base.
    await auth.revoke(tokens.accessToken);
    base = apiB.url;
    const beforeA = apiA.paths.length;
    const beforeB = apiB.paths.length;

    await client.me();
    await client.request({ method: 'GET', path: '/me?x=1' });

    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    // The 401 came from A; the retried call and the next one went to B.
    expect(apiA.paths.slice(beforeA)).toEqual(['/v9/me']);
    expect(apiB.paths.slice(beforeB)).toEqual(['/v9/me', '/v9/me?x=1']);
    expect((await store.get('u1'))?.extra?.api_base).toBe(apiB.url);
  });

  it('refuses a path that would leave the base path, sending nothing', async () => {
    const scheme = oauth2AuthorizationCode(
      manualServer(
        auth,
        namingFetch(fetch, () => apiA.url),
      ),
      { baseUrlFrom },
    );
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const client = createClient(connectorWith(scheme), { credentials: { ...auth.postClient, tokens }, retry: false });
    const before = apiA.paths.length;

    const error = await client.request({ method: 'GET', path: '/../admin' }).catch((e: unknown) => e);

    expect(isConfigurationError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('outside the base path');
    expect(apiA.paths.length).toBe(before);
  });

  it('uses a token without expires_in until a 401, then renews once and retries once', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(
      manualServer(
        auth,
        namingFetch(counter.fetch, () => apiA.url, true),
      ),
      { baseUrlFrom },
    );
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    expect(tokens.expiresAt).toBeUndefined();
    const client = createClient(connectorWith(scheme), { credentials: { ...auth.postClient, tokens } });
    for (let i = 0; i < 3; i++) await client.me();
    expect(counter.grants).toEqual(['authorization_code']);
    await auth.revoke(tokens.accessToken);
    const before = apiA.paths.length;

    await Promise.all(Array.from({ length: 10 }, () => client.me()));

    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    // Ten 401s with the old token, ten successes with the new one: each call retried once.
    expect(apiA.paths.length - before).toBe(20);
  });

  it('renews only on the 401s isExpired accepts', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(
      manualServer(
        auth,
        namingFetch(counter.fetch, () => apiA.url),
      ),
      {
        baseUrlFrom,
        isExpired: (error) => error.code === 'INVALID_SESSION_ID',
      },
    );
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const client = createClient(connectorWith(scheme), { credentials: { ...auth.postClient, tokens } });
    await auth.revoke(tokens.accessToken);

    const error = await client.me().catch((e: unknown) => e);

    // The API's 401 says TOKEN_EXPIRED, which this provider does not call expiry.
    expect(isApiError(error) && error.status === 401).toBe(true);
    expect(counter.grants).toEqual(['authorization_code']);
  });

  it('fails the call and saves nothing when verifyTokens refuses a renewal', async () => {
    const counter = tokenCounter();
    let refuse = false;
    const scheme = oauth2AuthorizationCode(
      manualServer(
        auth,
        namingFetch(counter.fetch, () => apiA.url),
      ),
      {
        baseUrlFrom,
        verifyTokens: () => {
          if (refuse) throw new Error('bad signature');
        },
      },
    );
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const store = memoryTokenStore();
    const client = createClient(connectorWith(scheme), { credentials: { ...auth.postClient, tokens, store, tokenKey: 'v' }, retry: false });
    await auth.revoke(tokens.accessToken);
    refuse = true;

    const error = await client.me().catch((e: unknown) => e);

    expect((error as Error).message).toBe('bad signature');
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(await store.get('v')).toBeUndefined();
  });
});
