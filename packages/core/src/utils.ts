/**
 * `@junction/core/utils`: what connector, category and store authors build
 * with (a distributed rate limiter reuses the limiter's checks, refusals and pause clock),
 * beside the root entry's connector API. Kept off the root entry because
 * `openEnum` loads zod, which importing `@junction/core` alone never does.
 *
 * @module
 */
export { brand, hasBrand } from './errors/junction-error.js';
export { systemCode } from './errors/system-code.js';
export { concatBytes } from './internal/concat-bytes.js';
export { removeUndefined } from './internal/remove-undefined.js';
export { type AttemptSignal, deadlineSignal } from './pipeline/attempt-signal.js';
export { limiterRefusal, type RefusalContext } from './rate-limit/limiter-refusal.js';
export { PauseClock } from './rate-limit/pause-clock.js';
export { validatePolicy } from './rate-limit/validate-policy.js';
export { describeIssues, toIssues } from './schema/issues.js';
export { openEnum } from './schema/open-enum.js';
export { type ParseInputOptions, parseInput } from './schema/parse-input.js';
export { requireHeader } from './webhooks/verify/header-lookup.js';
