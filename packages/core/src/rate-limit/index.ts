export { type BottleneckLimiterOptions, createBottleneckLimiter, RATE_LIMIT_DEFAULTS } from './bottleneck-limiter.js';
export { createLimiterRegistry, type LimiterRegistry, type LimiterRegistryOptions } from './limiter-registry.js';
export { type RateLimitMiddlewareOptions, rateLimitMiddleware } from './rate-limit-middleware.js';
export type { RateLimitPolicy } from './rate-limit-policy.js';
export type { RateLimiter, ScheduleOptions } from './rate-limiter.js';
