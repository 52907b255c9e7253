import { isAuthError, memoryTokenStore, type TokenSet } from '@junction/core';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityOf, isSalesforceSignatureError, SALESFORCE_DATA_PATH, salesforceAuthorizationCode } from '../src/salesforce/index.js';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../src/salesforce/sandbox/index.js';
import { authorize, REDIRECT_URI, sandboxClient } from './salesforce-support.js';

/** A fetch for token requests that changes one field of each token response, as a man in the middle would. */
function tamperingFetch(field: string, value: string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).endsWith('/services/oauth2/token') || !response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify({ ...body, [field]: value }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('the web server flow against the sandbox login host', () => {
  let now = Date.parse('2026-12-01T09:00:00Z');
  let sandbox: RunningSalesforceSandbox;
  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ now: () => now, sessionTimeoutMs: 15 * 60_000 });
  });
  afterAll(() => sandbox.close());

  const clientWith = (tokens: TokenSet, store = memoryTokenStore()) =>
    sandboxClient(sandbox, {
      type: 'authorizationCode',
      clientId: sandbox.app.clientId,
      clientSecret: sandbox.app.clientSecret,
      tokens,
      store,
      tokenKey: 'org-1',
    });
  const instanceCalls = (index: number) =>
    sandbox.servers.instances[index]?.requests.filter((r) => r.path.startsWith(SALESFORCE_DATA_PATH)) ?? [];

  it('runs authorization code + PKCE end to end, and names an instance on another origin', async () => {
    sandbox.reset();
    const scheme = salesforceAuthorizationCode({ loginUrl: sandbox.loginUrl, allowInsecureRequests: true });
    const request = await scheme.createAuthorizationRequest({ clientId: sandbox.app.clientId, redirectUri: REDIRECT_URI });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe(`${sandbox.loginUrl}/services/oauth2/authorize`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const tokens = await authorize(sandbox);

    expect(sandbox.grants).toEqual(['authorization_code']);
    expect(tokens.expiresAt).toBeUndefined();
    expect(tokens.refreshToken).toBeDefined();
    expect(tokens.extra?.instance_url).toBe(sandbox.instanceUrl);
    expect(new URL(String(tokens.extra?.instance_url)).origin).not.toBe(new URL(sandbox.loginUrl).origin);
    expect(identityOf(tokens)).toEqual({ organizationId: sandbox.organizationId, userId: expect.stringMatching(/^005/) });

    const client = clientWith(tokens);
    await client.limits();
    expect(instanceCalls(0).at(-1)?.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
  });

  it('accepts a token response whose signature matches and refuses a tampered one with a typed error', async () => {
    sandbox.reset();
    await expect(authorize(sandbox)).resolves.toBeDefined();

    // The signature covers id + issued_at: changing either is caught.
    const forged = await authorize(sandbox, tamperingFetch('id', `${sandbox.loginUrl}/id/00D000000000001AAA/005000000000001AAA`)).catch(
      (e: unknown) => e,
    );
    const badSignature = await authorize(sandbox, tamperingFetch('signature', Buffer.alloc(32).toString('base64'))).catch(
      (e: unknown) => e,
    );

    expect(isSalesforceSignatureError(forged)).toBe(true);
    expect(isSalesforceSignatureError(badSignature)).toBe(true);
    expect(String((forged as Error).message)).not.toContain(sandbox.app.clientSecret);
  });

  it('renews once when the session expires mid-run (401 INVALID_SESSION_ID) and retries the call', async () => {
    sandbox.reset();
    const tokens = await authorize(sandbox);
    const client = clientWith(tokens);
    await client.createRecord({ sobject: 'Account', Name: 'Before' });
    now += 16 * 60_000; // past the 15-minute session timeout

    const after = await client.createRecord({ sobject: 'Account', Name: 'After' });

    expect(after.success).toBe(true);
    expect(sandbox.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(
      instanceCalls(0)
        .slice(-2)
        .map((r) => r.status),
    ).toEqual([401, 201]);
    expect(sandbox.records.table('Account').size).toBe(2);
  });

  it('refreshes once for 50 concurrent calls answered INVALID_SESSION_ID', async () => {
    sandbox.reset();
    const client = clientWith(await authorize(sandbox));
    await client.limits();
    sandbox.expireSessions();

    const results = await Promise.all(Array.from({ length: 50 }, () => client.limits()));

    expect(results.every((r) => r.DailyApiRequests !== undefined)).toBe(true);
    expect(sandbox.grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('follows the org to its new instance after a refresh names another instance_url', async () => {
    sandbox.reset();
    const store = memoryTokenStore();
    const client = clientWith(await authorize(sandbox), store);
    await client.limits();
    const [first, second] = sandbox.servers.instances;
    sandbox.migrate(second?.url as string);
    const onSecond = instanceCalls(1).length;

    await client.createRecord({ sobject: 'Account', Name: 'Moved' });
    await client.limits();

    expect(sandbox.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(instanceCalls(0).at(-1)?.status).toBe(401);
    expect(
      instanceCalls(1)
        .slice(onSecond)
        .map((r) => [r.method, r.status]),
    ).toEqual([
      ['POST', 201],
      ['GET', 200],
    ]);
    expect((await store.get('org-1'))?.extra?.instance_url).toBe(second?.url);
    expect(first?.url).not.toBe(second?.url);
  });

  it('asks the user again (AuthError, reauthorize) when the refresh token is refused', async () => {
    sandbox.reset();
    const tokens = await authorize(sandbox);
    const client = clientWith({ ...tokens, refreshToken: '5Aep!not-a-real-token' });
    sandbox.expireSessions();

    const error = await client.limits().catch((e: unknown) => e);

    expect(isAuthError(error) && error.reauthorize).toBe(true);
  });
});

describe('the JWT bearer and client credentials flows against the sandbox', () => {
  let sandbox: RunningSalesforceSandbox;
  let privateKey: string;
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = await exportPKCS8(pair.privateKey);
    sandbox = await startSalesforceSandbox({
      app: { publicKey: await exportSPKI(pair.publicKey) },
      usernames: ['integration@example.com'],
      instances: 1,
    });
  });
  afterAll(() => sandbox.close());

  it('signs an RS256 assertion (iss consumer key, sub username, aud login host) and gets a session', async () => {
    sandbox.reset();
    const client = sandboxClient(sandbox, {
      type: 'jwtBearer',
      clientId: sandbox.app.clientId,
      username: 'integration@example.com',
      privateKey,
    });
    const assertions: string[] = [];
    const seen = sandbox.servers.login.requests;
    seen.splice(0);

    await client.createRecord({ sobject: 'Contact', LastName: 'Jwt' });
    sandbox.expireSessions();
    await client.limits();

    for (const r of seen.filter((q) => q.path === '/services/oauth2/token'))
      assertions.push(new URLSearchParams(r.body).get('assertion') ?? '');
    expect(sandbox.grants).toEqual(['jwt_bearer', 'jwt_bearer']);
    const [header, payload] = (assertions[0] ?? '')
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'RS256' });
    expect(payload).toMatchObject({ iss: sandbox.app.clientId, sub: 'integration@example.com', aud: sandbox.loginUrl });
    expect((payload?.exp as number) - (payload?.iat as number)).toBe(180);
    expect(assertions.filter((a) => a.split('.').length === 3)).toHaveLength(2);
  });

  it('is refused with an AuthError for an assertion signed by another key or for an unknown user', async () => {
    sandbox.reset();
    const other = await exportPKCS8((await generateKeyPair('RS256', { extractable: true })).privateKey);
    const wrongKey = sandboxClient(sandbox, {
      type: 'jwtBearer',
      clientId: sandbox.app.clientId,
      username: 'integration@example.com',
      privateKey: other,
    });
    const wrongUser = sandboxClient(sandbox, {
      type: 'jwtBearer',
      clientId: sandbox.app.clientId,
      username: 'nobody@example.com',
      privateKey,
    });

    const before = sandbox.servers.instances[0]?.requests.length;
    const errors = [await wrongKey.limits().catch((e: unknown) => e), await wrongUser.limits().catch((e: unknown) => e)];

    expect(errors.map((e) => isAuthError(e) && e.code)).toEqual(['invalid_grant', 'invalid_grant']);
    expect(sandbox.servers.instances[0]?.requests.length).toBe(before);
  });

  it('gets a session with client credentials and checks its signature', async () => {
    sandbox.reset();
    const client = sandboxClient(sandbox, {
      type: 'clientCredentials',
      clientId: sandbox.app.clientId,
      clientSecret: sandbox.app.clientSecret,
    });
    const wrong = sandboxClient(sandbox, { type: 'clientCredentials', clientId: sandbox.app.clientId, clientSecret: 'not-the-secret' });

    await expect(client.limits()).resolves.toHaveProperty('DailyApiRequests');
    expect(sandbox.grants).toEqual(['client_credentials']);
    const error = await wrong.limits().catch((e: unknown) => e);
    expect(isAuthError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain('not-the-secret');
  });
});
