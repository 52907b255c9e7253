export { type BottleneckInstance, type BottleneckLimiterOptions, bottleneckLimiter } from './bottleneck-adapter.js';
export { createLimiterRegistry, type LimiterRegistry, type LimiterRegistryOptions } from './limiter-registry.js';
export { type RateLimitMiddlewareOptions, rateLimitMiddleware } from './rate-limit-middleware.js';
export {
  RATE_LIMIT_DEFAULTS,
  type RateLimitBudget,
  type RateLimitPolicy,
  type RateLimitSignal,
  type ResetFormat,
} from './rate-limit-policy.js';
export type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
export { createLimiter, type LimiterOptions } from './sliding-log-limiter.js';
