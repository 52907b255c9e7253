import type { ChildProcess } from 'node:child_process';
import { oauth2AuthorizationCode } from '@junction/core';
import { expect, it } from 'vitest';
import type { AuthServer } from '../../core/test/oauth2/support/auth-server.js';
import { authorizeUser, manualServer } from '../../core/test/oauth2/support/oauth-setup.js';
import type { ResourceApi } from '../../core/test/oauth2/support/resource-api.js';
import { useOAuthServers } from '../../core/test/oauth2/support/use-oauth-servers.js';
import { createRedisTokenStore } from '../src/index.js';
import type { RedisServer } from './support/redis-process.js';
import { describeWithRedis } from './support/redis-server.js';
import { forkWorker, killWorkersAfterEach } from './support/worker-process.js';

const WORKER = new URL('./support/token-worker.ts', import.meta.url);

interface Done {
  type: 'done';
  ok: number;
  failures: string[];
  tokenRequests: number;
  used: string[];
}

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  tokenRequest: Promise<void>;
  done: Promise<Done>;
}

killWorkersAfterEach();

function startWorker(env: Record<string, string>): Worker {
  const worker = forkWorker(WORKER, env);
  return {
    child: worker.child,
    ready: worker.message('ready'),
    tokenRequest: worker.message('token-request'),
    done: worker.message<Done>('done'),
  };
}

describeWithRedis('the Redis token store across real processes', (redis) => {
  let auth: AuthServer;
  let api: ResourceApi;
  const grants: string[] = [];
  useOAuthServers((servers) => {
    ({ auth, api } = servers);
    const record = (outcome: string) => (ctx: unknown) => {
      const params = (ctx as { oidc?: { params?: { grant_type?: string } } }).oidc?.params;
      grants.push(`${outcome} ${params?.grant_type ?? '?'}`);
    };
    auth.provider.on('grant.success', record('success'));
    auth.provider.on('grant.error', record('error'));
  });

  /** Authorizes user-1, stores its tokens already expired under `prefix`, and returns the env every worker gets. */
  async function seed(server: RedisServer, prefix: string, lockTtlMs: number): Promise<Record<string, string>> {
    const scheme = oauth2AuthorizationCode(manualServer(auth, fetch));
    const tokens = await authorizeUser(scheme, auth, auth.postClient);
    await createRedisTokenStore({ client: server.client(), prefix }).set('user-1', { ...tokens, expiresAt: Date.now() - 1_000 });
    grants.length = 0;
    return {
      REDIS_PORT: String(server.port),
      PREFIX: prefix,
      LOCK_TTL_MS: String(lockTtlMs),
      TOKEN_URL: auth.tokenUrl,
      AUTHORIZATION_URL: auth.authorizationUrl,
      API_URL: api.url,
      CLIENT_ID: auth.postClient.clientId,
      CLIENT_SECRET: auth.postClient.clientSecret,
      TOKEN_KEY: 'user-1',
      CALLS: '50',
    };
  }

  it('4 processes × 50 concurrent calls with an expired token: exactly 1 refresh at the authorization server', async () => {
    const env = await seed(redis(), 'procs:', 10_000);
    const workers = [1, 2, 3, 4].map(() => startWorker(env));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.send('go');
    const done = await Promise.all(workers.map((w) => w.done));

    expect(done.map((d) => d.failures)).toEqual([[], [], [], []]);
    expect(done.reduce((n, d) => n + d.ok, 0)).toBe(200);
    expect(grants).toEqual(['success refresh_token']);
    expect(done.reduce((n, d) => n + d.tokenRequests, 0)).toBe(1);
    const saved = await createRedisTokenStore({ client: redis().client(), prefix: 'procs:' }).get('user-1');
    expect(new Set(done.flatMap((d) => d.used))).toEqual(new Set([`Bearer ${saved?.accessToken}`]));
  }, 60_000);

  it('the process holding the refresh lock is killed (SIGKILL): another takes over within the lock TTL, nothing is refreshed twice', async () => {
    const lockTtlMs = 1_500;
    const env = await seed(redis(), 'killed:', lockTtlMs);
    const holder = startWorker({ ...env, HANG: '1' });
    await holder.ready;
    holder.child.send('go');
    // It has the lock and its token request is in flight (it never returns).
    await holder.tokenRequest;
    const others = [1, 2, 3].map(() => startWorker(env));
    await Promise.all(others.map((w) => w.ready));
    for (const w of others) w.child.send('go');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const killedAt = Date.now();
    holder.child.kill('SIGKILL');
    const done = await Promise.all(others.map((w) => w.done));
    const takeoverMs = Date.now() - killedAt;

    expect(done.map((d) => d.failures)).toEqual([[], [], []]);
    expect(done.reduce((n, d) => n + d.ok, 0)).toBe(150);
    expect(grants).toEqual(['success refresh_token']);
    expect(done.reduce((n, d) => n + d.tokenRequests, 0)).toBe(1);
    expect(takeoverMs).toBeLessThan(lockTtlMs + 1_500);
    console.log(`refresh lock taken over ${takeoverMs} ms after its holder was killed (lock TTL ${lockTtlMs} ms)`);
  }, 60_000);
});
