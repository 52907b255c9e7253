import type { RateLimitPolicy, RetryPolicy } from '@junction/core';

/**
 * SendGrid takes no idempotency key (docs: Mail Send has none), so the
 * connector declares none: core sends no key header, and a send is repeated
 * only when the failure proves it was not processed (429, connection refused
 * before sending). Stamp your own key into `custom_args` to match events.
 */
export const SENDGRID_IDEMPOTENCY_CUSTOM_ARG = 'junction_idempotency_key';

/**
 * SendGrid's limit signals: every v3 answer reports `X-RateLimit-Limit`,
 * `X-RateLimit-Remaining` and `X-RateLimit-Reset` (unix seconds, per SendGrid's
 * "Rate Limits" page). The bucket waits for the reset once the budget is spent;
 * a 429 pauses it until the same reset. SendGrid documents no single budget
 * (it differs per endpoint), so no `requests` rate is set.
 */
export const sendgridRateLimitPolicy: RateLimitPolicy = {
  budget: { remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset', resetFormat: 'epoch-seconds' },
};

/** The connector's retry rules: the defaults (429, 5xx and connection errors), with the safety of writes left to core. */
export const sendgridRetryPolicy: RetryPolicy = {};
