export { inspectMiddleware } from './inspect-middleware.js';
export { RETRY_DEFAULTS } from './resolve-retry-policy.js';
export { retryMiddleware } from './retry-middleware.js';
export type { RetryDecision, RetryPolicy } from './retry-policy.js';
