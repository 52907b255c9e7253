import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHubspotClient, type HubspotOAuthOptions, hubspotOAuth } from '../src/hubspot/index.js';
import { createHubspotSandbox, type HubspotSandbox } from '../src/hubspot/sandbox/index.js';

const CLIENT = {
  clientId: 'hub-client',
  clientSecret: 'hub-secret-0123456789',
  redirectUris: ['https://app.example.com/oauth/hubspot/callback'],
};
const SCOPES = ['crm.objects.contacts.read', 'crm.objects.contacts.write'];
const START = Date.parse('2026-12-02T12:00:00.000Z');

let sandbox: HubspotSandbox;
let server: LoopbackServer;
let endpoints: HubspotOAuthOptions;

beforeAll(async () => {
  sandbox = createHubspotSandbox({ limits: false, oauth: { clients: [CLIENT], expiresIn: 1800 } });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  endpoints = { authorizationUrl: `${server.url}/oauth/authorize`, tokenUrl: `${server.url}/oauth/v1/token`, allowInsecureRequests: true };
});
afterAll(() => server.close());
beforeEach(() => {
  // Only Date is faked: the clock both the token manager and the sandbox read, moved by hand, never waited for.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
  sandbox.reset();
  server.requests.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

/** Authorization code + PKCE against the sandbox: the authorize redirect, then the code exchange. */
async function connect() {
  const auth = hubspotOAuth(endpoints);
  const request = await auth.createAuthorizationRequest({
    clientId: CLIENT.clientId,
    redirectUri: CLIENT.redirectUris[0] as string,
    scope: SCOPES,
  });
  const authorize = new URL(request.url);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('scope')).toBe(SCOPES.join(' '));
  const redirect = await fetch(request.url, { redirect: 'manual' });
  const callbackUrl = redirect.headers.get('location') ?? '';
  expect(callbackUrl).toMatch(/^https:\/\/app\.example\.com\/oauth\/hubspot\/callback\?code=/);
  const tokens = await auth.exchangeAuthorizationCode({
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    callbackUrl,
    state: request.state,
    codeVerifier: request.codeVerifier,
  });
  return tokens;
}

describe('HubSpot OAuth end to end against the sandbox', () => {
  it('authorizes with PKCE, exchanges the code with client_secret_post, and calls the API with the token', async () => {
    const tokens = await connect();
    expect(tokens.expiresAt).toBe(START + 1800_000);
    const exchange = server.requests.find((r) => r.url.includes('/oauth/v1/token'));
    const form = new URLSearchParams(exchange?.body ?? '');
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('client_secret')).toBe(CLIENT.clientSecret);
    expect(form.get('code_verifier')).toMatch(/^[\w-]{43,128}$/);
    expect(exchange?.headers.authorization).toBeUndefined();

    const hubspot = createHubspotClient({
      baseUrl: server.url,
      oauth: { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, tokens, endpoints },
    });
    const created = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'oauth@example.com' } });
    expect(created.id).toMatch(/^\d+$/);
    const api = server.requests.find((r) => r.url.includes('/crm/objects/'));
    expect(api?.headers.authorization).toBe(`Bearer ${tokens.accessToken}`);
  });

  it('renews once when the token expires mid-run, for 50 concurrent calls, and every call succeeds', async () => {
    const tokens = await connect();
    const renewed: string[] = [];
    const hubspot = createHubspotClient({
      baseUrl: server.url,
      oauth: {
        clientId: CLIENT.clientId,
        clientSecret: CLIENT.clientSecret,
        tokens,
        endpoints,
        onTokens: (t) => void renewed.push(t.accessToken),
      },
    });
    await hubspot.listObjects({ objectType: 'contacts' });
    expect(sandbox.oauth?.issued()).toEqual(['authorization_code']);

    // 31 minutes later the 30-minute token has expired: the sandbox would refuse it, so the client must renew first.
    vi.setSystemTime(START + 31 * 60_000);
    expect(sandbox.oauth?.verify(tokens.accessToken)).toBeUndefined();
    const results = await Promise.all(Array.from({ length: 50 }, () => hubspot.listObjects({ objectType: 'contacts' })));

    expect(results).toHaveLength(50);
    expect(sandbox.oauth?.issued()).toEqual(['authorization_code', 'refresh_token']);
    expect(renewed).toHaveLength(1);
    const apiCalls = sandbox.requests.filter((r) => r.operation === 'listObjects');
    expect(apiCalls.map((r) => r.status)).toEqual(Array(51).fill(200));
    const refresh = server.requests.filter((r) => r.url.includes('/oauth/v1/token')).at(-1);
    expect(new URLSearchParams(refresh?.body ?? '').get('grant_type')).toBe('refresh_token');
  });

  it('answers an expired token with HubSpot-shaped 401 and does not renew on it (HubSpot: renew on expiry, not on 401)', async () => {
    const tokens = await connect();
    // A token the client believes fresh, but which the server no longer knows: no renewal, the 401 stands.
    sandbox.oauth?.reset();
    const hubspot = createHubspotClient({
      baseUrl: server.url,
      oauth: { clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, tokens, endpoints },
    });
    const error = await hubspot.listObjects({ objectType: 'contacts' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, code: 'EXPIRED_AUTHENTICATION' });
    expect(server.requests.filter((r) => r.url.includes('/oauth/v1/token'))).toHaveLength(1);
  });
});
