import { createClient, oauth2AuthorizationCode, type TokenSet } from '@junction/core';
import { expect, it } from 'vitest';
import type { AuthServer } from '../../core/test/oauth2/support/auth-server.js';
import { authorizeUser, manualServer } from '../../core/test/oauth2/support/oauth-setup.js';
import { type ResourceApi, resourceConnector } from '../../core/test/oauth2/support/resource-api.js';
import { tokenCounter } from '../../core/test/oauth2/support/token-counter.js';
import { useOAuthServers } from '../../core/test/oauth2/support/use-oauth-servers.js';
import { createRedisTokenStore, isRedisStoreError } from '../src/index.js';
import { describeWithRedis } from './support/redis-server.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokens: TokenSet = {
  accessToken: 'at-1',
  tokenType: 'bearer',
  refreshToken: 'rt-1',
  expiresAt: Date.now() + 3_600_000,
  issuedAt: Date.now(),
};

describeWithRedis('the Redis token store', (redis) => {
  it('saves and reads token sets as JSON under <prefix>token:<key>, shared between clients, apart by prefix', async () => {
    const a = createRedisTokenStore({ client: redis().client(), prefix: 'app-1:' });
    const b = createRedisTokenStore({ client: redis().client(), prefix: 'app-1:' });
    const other = createRedisTokenStore({ client: redis().client(), prefix: 'app-2:' });
    expect(await a.get('user-1')).toBeUndefined();
    await a.set('user-1', { ...tokens, extra: { instance_url: 'https://x.example' } });
    expect(await b.get('user-1')).toEqual({ ...tokens, extra: { instance_url: 'https://x.example' } });
    expect(await other.get('user-1')).toBeUndefined();
    expect(JSON.parse((await redis().client().get('app-1:token:user-1')) ?? '')).toMatchObject({ accessToken: 'at-1' });
  });

  it('keeps a record with a refresh token without expiry (or refreshTokenTtlMs), one without until it expires plus the margin', async () => {
    const client = redis().client();
    await createRedisTokenStore({ client, prefix: 'ttl:' }).set('rt', tokens);
    expect(await client.pttl('ttl:token:rt')).toBe(-1);
    await createRedisTokenStore({ client, prefix: 'ttl:', refreshTokenTtlMs: 86_400_000 }).set('rt-ttl', tokens);
    expect(await client.pttl('ttl:token:rt-ttl')).toBeGreaterThan(86_000_000);
    const expiresAt = Date.now() + 60_000;
    await createRedisTokenStore({ client, prefix: 'ttl:', expiryMarginMs: 10_000 }).set('cc', {
      accessToken: 'a',
      tokenType: 'bearer',
      expiresAt,
    });
    const ttl = await client.pttl('ttl:token:cc');
    expect(ttl).toBeGreaterThan(69_000);
    expect(ttl).toBeLessThanOrEqual(70_000);
    await createRedisTokenStore({ client, prefix: 'ttl:' }).set('forever', { accessToken: 'a', tokenType: 'bearer' });
    expect(await client.pttl('ttl:token:forever')).toBe(-1);
  });

  it('its lock is exclusive across connections: 40 holders from 4 clients, never two at once', async () => {
    const stores = [1, 2, 3, 4].map(() => createRedisTokenStore({ client: redis().client(), prefix: 'lock-x:' }));
    let holding = 0;
    let most = 0;
    let ran = 0;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        stores[i % 4]!.lock!('user-1', async () => {
          holding++;
          most = Math.max(most, holding);
          await sleep(2);
          holding--;
          ran++;
        }),
      ),
    );
    expect(ran).toBe(40);
    expect(most).toBe(1);
    expect(await redis().client().exists('lock-x:token-lock:user-1')).toBe(0);
  });

  it('the lock of a holder that died lapses after lockTtlMs; a live holder renews it past that', async () => {
    const client = redis().client();
    const store = createRedisTokenStore({ client, prefix: 'lock-ttl:', lockTtlMs: 300 });
    // Left by a process killed while holding it.
    await client.set('lock-ttl:token-lock:user-1', 'dead-holder', 'PX', 300);
    const started = Date.now();
    expect(await store.lock!('user-1', async () => 'mine')).toBe('mine');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(1_000);

    const order: string[] = [];
    const slow = store.lock!('user-2', async () => {
      order.push('slow start');
      await sleep(1_000);
      order.push('slow end');
    });
    await sleep(50);
    const other = createRedisTokenStore({ client: redis().client(), prefix: 'lock-ttl:', lockTtlMs: 300 });
    await other.lock!('user-2', async () => {
      order.push('other');
    });
    await slow;
    expect(order).toEqual(['slow start', 'slow end', 'other']);
  });

  it("releases only its own lock: a holder whose lock lapsed does not free the next holder's", async () => {
    const client = redis().client();
    const store = createRedisTokenStore({ client, prefix: 'lock-own:', lockTtlMs: 300 });
    await store.lock!('user-1', async () => {
      // Another process took over after this one stalled.
      await client.set('lock-own:token-lock:user-1', 'next-holder', 'PX', 10_000);
    });
    expect(await client.get('lock-own:token-lock:user-1')).toBe('next-holder');
  });

  it('gives up waiting after lockWaitMs with a RedisStoreError (lock_timeout)', async () => {
    const client = redis().client();
    await client.set('lock-wait:token-lock:user-1', 'stuck', 'PX', 10_000);
    const error = await createRedisTokenStore({ client, prefix: 'lock-wait:', lockWaitMs: 200 }).lock!('user-1', async () => 'never').catch(
      (e: unknown) => e,
    );
    expect(isRedisStoreError(error)).toBe(true);
    expect(error).toMatchObject({ operation: 'tokens.lock', failure: 'lock_timeout' });
  });

  coreOAuthTests(redis);
});

/** With core's OAuth strategy against a real authorization server (oidc-provider, rotating refresh tokens). */
function coreOAuthTests(redis: () => { client(): import('ioredis').Redis }) {
  let auth: AuthServer;
  let api: ResourceApi;
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
  });

  it('three clients on three connections with an expired token: one refresh, all use the saved token', async () => {
    const counter = tokenCounter();
    const scheme = oauth2AuthorizationCode(manualServer(auth, counter.fetch));
    const first = await authorizeUser(scheme, auth, auth.postClient);
    const seed = createRedisTokenStore({ client: redis().client(), prefix: 'core:' });
    await seed.set('user-1', { ...first, expiresAt: Date.now() - 1_000 });

    const sent: string[] = [];
    const clients = [1, 2, 3].map(() => {
      const store = createRedisTokenStore({ client: redis().client(), prefix: 'core:' });
      const client = createClient(resourceConnector(api.url, scheme), { credentials: { ...auth.postClient, store, tokenKey: 'user-1' } });
      client.use(async (ctx, next) => {
        sent.push(ctx.headers.get('authorization') ?? '');
        return next(ctx);
      });
      return client;
    });
    const results = await Promise.all(clients.flatMap((c) => [c.me(), c.me()]));

    expect(results.every((r) => r.subject === 'user-1')).toBe(true);
    expect(counter.grants).toEqual(['authorization_code', 'refresh_token']);
    const saved = await seed.get('user-1');
    expect(saved?.refreshToken).not.toBe(first.refreshToken);
    expect(new Set(sent)).toEqual(new Set([`Bearer ${saved?.accessToken}`]));
  });
}
