import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  memoryTokenStore,
  oauth2AuthorizationCode,
  oauth2ClientCredentials,
  type TokenSet,
  type TokenStore,
} from '../../src/auth/oauth2/index.js';
import { createClient, REDACTED, type TokenRefreshedEvent } from '../../src/index.js';
import type { AuthServer } from './support/auth-server.js';
import { authorizeUser, manualServer } from './support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from './support/resource-api.js';
import { tokenCounter } from './support/token-counter.js';
import { useOAuthServers } from './support/use-oauth-servers.js';

/**
 * A store as a database or Redis would be, with a lock: the JSON round trip
 * stands in for the wire, so nothing is shared by reference between the
 * "processes" (two clients with their own strategies and memory).
 */
function sharedStore(options: { contenders?: number } = {}) {
  const rows = new Map<string, string>();
  const log: string[] = [];
  let waiting = 0;
  let allWaiting = () => {};
  // With `contenders`, the lock is first granted once that many are queued for it: a deterministic race.
  let tail: Promise<unknown> = options.contenders
    ? new Promise<void>((resolve) => {
        allWaiting = resolve;
      })
    : Promise.resolve();
  const store: TokenStore = {
    async get(key) {
      const row = rows.get(key);
      return row === undefined ? undefined : (JSON.parse(row) as TokenSet);
    },
    async set(key, tokens) {
      rows.set(key, JSON.stringify(tokens));
    },
    lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
      log.push(`wait ${key}`);
      if (++waiting === options.contenders) allWaiting();
      const run = tail.then(async () => {
        log.push(`hold ${key}`);
        try {
          return await fn();
        } finally {
          log.push(`free ${key}`);
        }
      });
      tail = run.catch(() => undefined);
      return run;
    },
  };
  return { store, log };
}

describe('a shared store with a lock', () => {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('lets one of two processes refresh; the other waits, re-reads the store and uses the saved token', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const { store, log } = sharedStore({ contenders: 2 });
    await store.set('user-1', { ...tokens, expiresAt: Date.now() - 1_000 });

    const credentials = { ...auth.postClient, store, tokenKey: 'user-1' };
    const processA = createClient(resourceConnector(api.url, scheme), { credentials });
    const processB = createClient(resourceConnector(api.url, scheme), { credentials });
    const sent: string[] = [];
    for (const client of [processA, processB]) {
      client.use(async (ctx, next) => {
        sent.push(ctx.headers.get('authorization') ?? '');
        return next(ctx);
      });
    }

    const [a, b] = await Promise.all([processA.me(), processB.me()]);

    expect(a).toEqual({ subject: 'user-1' });
    expect(b).toEqual({ subject: 'user-1' });
    // Rotation makes a second refresh with the old token fail, so one refresh is also the only way both could succeed.
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(log).toEqual(['wait user-1', 'wait user-1', 'hold user-1', 'free user-1', 'hold user-1', 'free user-1']);
    const saved = await store.get('user-1');
    expect(saved?.refreshToken).not.toBe(tokens.refreshToken);
    expect(sent).toEqual([`Bearer ${saved?.accessToken}`, `Bearer ${saved?.accessToken}`]);
  });

  it('does not lock at all while the stored token is fresh', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const { store, log } = sharedStore();
    await store.set('user-1', tokens);
    const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, store, tokenKey: 'user-1' } });

    await client.me();
    await client.me();

    expect(log).toEqual([]);
    expect(counter.grants).toEqual(['authorization_code']);
  });

  it('the in-memory store serialises renewals of clients that share it', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    const store = memoryTokenStore();
    await store.set('user-1', { ...tokens, expiresAt: Date.now() - 1_000 });
    const credentials = { ...auth.postClient, store, tokenKey: 'user-1' };
    const clients = [1, 2, 3].map(() => createClient(resourceConnector(api.url, scheme), { credentials }));

    const results = await Promise.all(clients.map((c) => c.me()));

    expect(results.every((r) => r.subject === 'user-1')).toBe(true);
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
  });

  it('runs onTokens after the lock is released, and uses the tokens only once it has finished', async () => {
    const { store, log } = sharedStore();
    const scheme = oauth2ClientCredentials(manualServer(auth, fetch));
    const client = createClient(resourceConnector(api.url, scheme), {
      credentials: {
        ...auth.postClient,
        store,
        tokenKey: 'service',
        async onTokens() {
          log.push('onTokens start');
          // A slow callback (a database write elsewhere) while other processes may want the lock.
          await new Promise((resolve) => setTimeout(resolve, 20));
          log.push('onTokens end');
        },
      },
    });
    client.use(async (ctx, next) => {
      log.push('sent');
      return next(ctx);
    });

    await client.me();

    expect(log).toEqual(['wait service', 'hold service', 'free service', 'onTokens start', 'onTokens end', 'sent']);
  });

  it('a throwing onTokens fails neither the call nor the lock: its error, redacted, is in the tokenRefreshed event', async () => {
    const { store, log } = sharedStore();
    const counter = tokenCounter();
    const scheme = oauth2ClientCredentials(manualServer(auth, counter.fetch));
    const seen: TokenSet[] = [];
    const credentials = {
      ...auth.postClient,
      store,
      tokenKey: 'service',
      onTokens(tokens: TokenSet) {
        seen.push(tokens);
        throw new Error(`could not save ${tokens.accessToken}`);
      },
    };
    const processA = createClient(resourceConnector(api.url, scheme), { credentials });
    const refreshed: TokenRefreshedEvent[] = [];
    processA.on('tokenRefreshed', (event) => refreshed.push(event));

    expect(await processA.me()).toEqual({ subject: auth.postClient.clientId });
    expect(await processA.me()).toEqual({ subject: auth.postClient.clientId });

    expect(seen).toHaveLength(1);
    const token = seen[0]?.accessToken ?? '';
    expect(await store.get('service')).toEqual(seen[0]);
    expect(refreshed).toEqual([
      expect.objectContaining({
        grant: 'client_credentials',
        onTokensError: { name: 'Error', message: `could not save ${REDACTED}` },
      }),
    ]);
    expect(inspect(refreshed, { depth: 10 })).not.toContain(token);
    // The lock was let go: another process takes it for its own renewal.
    await store.set('service', { ...(seen[0] as TokenSet), expiresAt: Date.now() - 1_000 });
    const processB = createClient(resourceConnector(api.url, scheme), { credentials });
    expect(await processB.me()).toEqual({ subject: auth.postClient.clientId });
    expect(log).toEqual(['wait service', 'hold service', 'free service', 'wait service', 'hold service', 'free service']);
    expect(counter.grants).toEqual(['client_credentials', 'client_credentials']);
  });
});
