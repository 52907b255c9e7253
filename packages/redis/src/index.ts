/**
 * `@junction/redis`: Redis-backed stores for `@junction/core`, shared by many
 * processes: OAuth tokens with a refresh lock, idempotency (dedupe), poll
 * cursors and rate-limit buckets.
 *
 * @module
 */

export type { RedisClient, RedisStoreOptions } from './redis-client.js';
export { DEFAULT_COMMAND_TIMEOUT_MS } from './redis-command.js';
export { createRedisCursorStore, type RedisCursorStoreOptions } from './redis-cursor-store.js';
export {
  isRedisStoreError,
  isSharedRunFailedError,
  RedisStoreError,
  type RedisStoreErrorOptions,
  type RedisStoreFailure,
  SharedRunFailedError,
} from './redis-errors.js';
export { createRedisIdempotencyStore, type RedisIdempotencyStoreOptions } from './redis-idempotency-store.js';
export { DEFAULT_PREFIX } from './redis-keys.js';
export {
  createRedisLimiterRegistry,
  createRedisRateLimiter,
  type RedisLimiterOptions,
  type RedisRateLimiterOptions,
} from './redis-rate-limiter.js';
export { createRedisTokenStore, type RedisTokenStoreOptions } from './redis-token-store.js';
