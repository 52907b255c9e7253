import { ConfigurationError, isApiError, type Middleware, RateLimitError } from '@junction/core';
import { HUBSPOT_POLICY, HUBSPOT_RATE_LIMIT_HEADERS, hubspotPolicyName } from './hubspot-policies.js';

/** Options for {@link hubspotDailyLimit}. */
export interface HubspotDailyLimitOptions {
  /**
   * The account's time zone (IANA, e.g. `America/New_York`): "the daily
   * limits reset at midnight based on the time zone setting of the HubSpot
   * account" (HubSpot, developers.hubspot.com/apisbytier). The API does not
   * say which zone that is, so default `UTC`, said as assumed in the message.
   */
  timeZone?: string;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/**
 * Turns a DAILY 429 into core's `RateLimitError` with `retryable: false`, a
 * `resetAt` at the next midnight of the account's time zone, and a message
 * that says so. Sits inside the retry layer (so the retry stops at once) and
 * outside the limiter (so a spent day does not pause the 10-second bucket).
 */
export function hubspotDailyLimit(options: HubspotDailyLimitOptions = {}): Middleware {
  const now = options.now ?? (() => Date.now());
  const timeZone = options.timeZone ?? 'UTC';
  // Checked once, at start-up: an unknown zone is a RangeError naming the option.
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new ConfigurationError(`\`timeZone\` must be an IANA time zone such as "America/New_York" (got ${JSON.stringify(timeZone)}).`);
  }
  return async function hubspotDaily(ctx, next) {
    try {
      return await next(ctx);
    } catch (error) {
      if (!isApiError(error) || error.status !== 429 || hubspotPolicyName(error.body) !== HUBSPOT_POLICY.daily) throw error;
      const at = now();
      const waitMs = msUntilMidnight(at, timeZone);
      const resetAt = new Date(at + waitMs);
      const remaining = error.headers?.[HUBSPOT_RATE_LIMIT_HEADERS.dailyRemaining];
      const zone = options.timeZone ? timeZone : 'UTC (assumed: pass `timeZone`, the account’s zone)';
      throw new RateLimitError(
        `HubSpot's daily API limit is spent${remaining === undefined ? '' : ` (X-HubSpot-RateLimit-Daily-Remaining: ${remaining})`}; ` +
          `it resets at midnight in the account's time zone, ${resetAt.toISOString()} for ${zone}. Not retried.`,
        {
          status: 429,
          retryable: false,
          retryAfterMs: waitMs,
          resetAt,
          ...(error.code ? { code: error.code } : {}),
          ...(error.requestId ? { requestId: error.requestId } : {}),
          ...(error.providerMessage ? { message: error.providerMessage } : {}),
          ...(error.details ? { details: error.details } : {}),
          ...(error.body === undefined ? {} : { body: error.body }),
          ...(error.headers ? { headers: error.headers } : {}),
          ...(error.request ? { request: error.request } : {}),
          cause: error,
        },
      );
    }
  };
}

/** Milliseconds from `at` until the next midnight in `timeZone` (wall clock; a DST day is off by its hour at most). */
export function msUntilMidnight(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour12: false, hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(at))
    .reduce<Record<string, number>>(
      (acc, part) => (part.type === 'literal' ? acc : Object.assign(acc, { [part.type]: Number(part.value) })),
      {},
    );
  const elapsed = (((parts.hour ?? 0) % 24) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0)) * 1000 + (at % 1000);
  return 86_400_000 - elapsed;
}
