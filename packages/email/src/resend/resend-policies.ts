import { type IdempotencyPolicy, isApiError, type RateLimitPolicy, type RetryPolicy } from '@junction/core';

/** The header Resend reads idempotency keys from, on `POST /emails` and `POST /emails/batch` (spec: `Idempotency-Key`). */
export const RESEND_IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The longest key Resend takes (spec: `maxLength: 256`; longer is a 400 `invalid_idempotency_key`). */
export const RESEND_IDEMPOTENCY_KEY_MAX = 256;

/** The most emails one `POST /emails/batch` takes (spec: "Trigger up to 100 batch emails at once"). */
export const RESEND_BATCH_MAX = 100;

/** The most `to` recipients of one email (spec: `to.maxItems: 50`). */
export const RESEND_MAX_RECIPIENTS = 50;

/**
 * Resend keeps the first result under an `Idempotency-Key` (for 24 hours)
 * and replays it; this declaration makes the client send one on every POST
 * (the caller's, or a random UUID), fixed before the first attempt and
 * reused by every retry, so a retried send never sends twice.
 */
export const resendIdempotencyPolicy: IdempotencyPolicy = { header: RESEND_IDEMPOTENCY_HEADER, methods: ['POST'] };

/**
 * Resend's documented default: 2 requests per second per team. The
 * `ratelimit-remaining` / `ratelimit-reset` headers (IETF draft names,
 * reset in seconds from now) let the bucket wait before spending a call on a
 * 429; a 429 itself is a rate-limit signal by default, with `retry-after`
 * (seconds) read first.
 */
export const RESEND_RATE_LIMIT: RateLimitPolicy = {
  requests: 2,
  intervalMs: 1000,
  budget: { remaining: 'ratelimit-remaining', reset: 'ratelimit-reset', resetFormat: 'delta-seconds' },
};

/**
 * Resend's verdicts on failures: `concurrent_idempotent_requests` (409, the
 * first request with the key still runs) is worth another try with the same
 * key; `invalid_idempotent_request` (409, the key was used with another
 * body) and `daily_quota_exceeded` / `monthly_quota_exceeded` (429) are not.
 * Everything else keeps core's defaults (5xx, 429, network errors retried).
 */
export const resendRetryPolicy: RetryPolicy = {
  decide(error) {
    if (!isApiError(error)) return undefined;
    if (error.code === 'concurrent_idempotent_requests') return { retry: true, reason: `resend: ${error.code}` };
    if (error.code === 'invalid_idempotent_request' || error.code === 'daily_quota_exceeded' || error.code === 'monthly_quota_exceeded') {
      return { retry: false, reason: `resend: ${error.code}` };
    }
    return undefined;
  },
};
