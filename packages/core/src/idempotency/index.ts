export { idempotencyMiddleware } from './idempotency-middleware.js';
export type { IdempotencyPolicy } from './idempotency-policy.js';
export type { IdempotencyStore, OnceOptions } from './idempotency-store.js';
export { createMemoryIdempotencyStore, type MemoryIdempotencyStoreOptions } from './memory-idempotency-store.js';
export { IDEMPOTENCY_DEFAULTS } from './resolve-idempotency-policy.js';
