/**
 * One "process" of the multi-process token tests, run by the test with
 * `node --import tsx --conditions=@junction/source`. It shares the Redis
 * token store with its siblings, waits for "go", makes CALLS concurrent API
 * calls and reports what it saw. With HANG=1 its token request never
 * returns: it holds the refresh lock until it is killed.
 */
import { createClient, oauth2AuthorizationCode } from '@junction/core';
import { Redis } from 'ioredis';
import { resourceConnector } from '../../../core/test/oauth2/support/resource-api.js';
import { createRedisTokenStore } from '../../src/index.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`token-worker needs ${name}`);
  return value;
};
const send = (message: Record<string, unknown>) => process.send?.(message);

const redis = new Redis(Number(env('REDIS_PORT')), '127.0.0.1');
const store = createRedisTokenStore({ client: redis, prefix: env('PREFIX'), lockTtlMs: Number(env('LOCK_TTL_MS')) });
const hang = process.env.HANG === '1';
let tokenRequests = 0;
const scheme = oauth2AuthorizationCode({
  tokenUrl: env('TOKEN_URL'),
  authorizationUrl: env('AUTHORIZATION_URL'),
  clientAuthentication: 'client_secret_post',
  allowInsecureRequests: true,
  fetch: (url, init) => {
    tokenRequests++;
    send({ type: 'token-request' });
    return hang ? new Promise<Response>(() => {}) : fetch(url, init);
  },
});
const client = createClient(resourceConnector(env('API_URL'), scheme), {
  credentials: { clientId: env('CLIENT_ID'), clientSecret: env('CLIENT_SECRET'), store, tokenKey: env('TOKEN_KEY') },
});
const used = new Set<string>();
client.use(async (ctx, next) => {
  used.add(ctx.headers.get('authorization') ?? '');
  return next(ctx);
});

process.on('message', async (message) => {
  if (message !== 'go') return;
  const calls = Number(env('CALLS'));
  const results = await Promise.allSettled(Array.from({ length: calls }, () => client.me()));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
  send({ type: 'done', ok: calls - failures.length, failures: failures.slice(0, 3), tokenRequests, used: [...used] });
  redis.disconnect();
  process.disconnect?.();
});
send({ type: 'ready' });
