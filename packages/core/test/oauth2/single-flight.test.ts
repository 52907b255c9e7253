import { describe, expect, it } from 'vitest';
import { memoryTokenStore, oauth2AuthorizationCode, oauth2ClientCredentials } from '../../src/auth/oauth2/index.js';
import { createClient } from '../../src/index.js';
import type { AuthServer } from './support/auth-server.js';
import { authorizeUser, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from './support/resource-api.js';
import { tokenCounter } from './support/token-counter.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

describe('single-flight renewal', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('100 concurrent calls with an expired token cause exactly one refresh, and all succeed with its token', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const store = memoryTokenStore();
    await store.set('user-1', { ...tokens, expiresAt: Date.now() - 1_000 });
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, store, tokenKey: 'user-1' } });
    const sent = new Set<string | null>();
    client.use(async (ctx, next) => {
      sent.add(ctx.headers.get('authorization'));
      return next(ctx);
    });
    let refreshed = 0;
    client.on('tokenRefreshed', () => refreshed++);

    const results = await Promise.all(Array.from({ length: 100 }, () => client.me()));

    expect(results).toHaveLength(100);
    expect(results.every((r) => r.subject === 'user-1')).toBe(true);
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(refreshed).toBe(1);
    const renewed = await store.get('user-1');
    expect(sent).toEqual(new Set([`Bearer ${renewed?.accessToken}`]));
  });

  it('100 concurrent first calls with client credentials cause exactly one token request', async () => {
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(manualServer(auth, counter.fetch));
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient });

    const results = await Promise.all(Array.from({ length: 100 }, () => client.me()));

    expect(results.every((r) => r.subject === auth.postClient.clientId)).toBe(true);
    expect(counter.grants).toEqual(['client_credentials']);
  });

  it('shares a failed renewal with the callers that waited for it, and tries again on the next call', async () => {
    let attempts = 0;
    let arrived = 0;
    let release = () => {};
    const allArrived = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheme = oauth2ClientCredentials(
      manualServer(auth, async (url, init) => {
        attempts++;
        if (attempts > 1) return fetch(url, init);
        // The first token request meets an outage, answered once every caller is waiting on it.
        await allArrived;
        return new Response('upstream unavailable', { status: 503 });
      }),
    );
    const client = createClient(resourceConnector(api.url, scheme), { credentials: auth.postClient, retry: false });
    client.use(
      async (ctx, next) => {
        if (++arrived === 10) release();
        return next(ctx);
      },
      { before: 'auth' },
    );

    const settled = await Promise.allSettled(Array.from({ length: 10 }, () => client.me()));
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as { status?: number }).status : 'ok'))).toEqual(Array(10).fill(503));
    expect(attempts).toBe(1);
    expect(await client.me()).toEqual({ subject: auth.postClient.clientId });
    expect(attempts).toBe(2);
  });
});
