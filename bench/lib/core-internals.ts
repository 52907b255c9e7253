/**
 * Pieces of @junction/core that its public index does not export, taken from
 * its TypeScript source so the per-layer breakdown runs the very functions
 * the client composes (client/build-pipeline.ts). Only the benchmark's layer
 * ladder uses them; everything else goes through the public API.
 */

export { resolveIdempotencyPolicy } from '../../packages/core/src/idempotency/resolve-idempotency-policy.js';
export { observe } from '../../packages/core/src/pipeline/observe.js';
export { createTransport } from '../../packages/core/src/pipeline/transport.js';
export { inspectMiddleware } from '../../packages/core/src/retry/inspect-middleware.js';
export { resolveRetryPolicy } from '../../packages/core/src/retry/resolve-retry-policy.js';
// The webhook receiver is not exported from @junction/core's index yet; its barrel loads on its own.
export { createWebhookReceiver, defineWebhooks } from '../../packages/core/src/webhooks/index.js';
