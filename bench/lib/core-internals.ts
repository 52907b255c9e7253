/**
 * Helpers of @junction/core that its public index does not export, taken
 * from its TypeScript source, for the per-call step timings in micro.ts only.
 * Everything else the benchmarks run comes from the built package.
 */

export { resolveIdempotencyPolicy } from '../../packages/core/src/idempotency/resolve-idempotency-policy.js';
export { resolveRetryPolicy } from '../../packages/core/src/retry/resolve-retry-policy.js';
export { parseLenient } from '../../packages/core/src/schema/parse-lenient.js';
