import {
  ConfigurationError,
  isApiError,
  type JunctionResponse,
  type RateLimitPolicy,
  type RetryPolicy,
  retryAfterMs,
} from '@junction/core';

/** The most inputs one batch call takes ("up to 100 inputs per call", HubSpot's batch endpoints). */
export const HUBSPOT_BATCH_MAX = 100;

/** The largest search page (`limit` ≤ 200, HubSpot's CRM search guide). */
export const HUBSPOT_SEARCH_MAX_LIMIT = 200;

/** The window of HubSpot's burst limit: requests per rolling 10 seconds (policy `TEN_SECONDLY_ROLLING`). */
export const HUBSPOT_BURST_INTERVAL_MS = 10_000;

/** An account tier, which sets the default burst limit. */
export type HubspotTier = 'free' | 'starter' | 'professional' | 'enterprise';

/**
 * Requests per 10 seconds by tier, for private apps: Professional and
 * Enterprise 190 (HubSpot's API usage guidelines, per PROVIDERS.md); Free and
 * Starter 100 (unverified). Pass an explicit number when your account has the
 * API limit increase add-on.
 */
export const HUBSPOT_BURST_LIMITS: Readonly<Record<HubspotTier, number>> = {
  free: 100,
  starter: 100,
  professional: 190,
  enterprise: 190,
};

/** Requests per day by tier (the sandbox's defaults): Professional 650k, Enterprise 1M; Free/Starter 250k (unverified). */
export const HUBSPOT_DAILY_LIMITS: Readonly<Record<HubspotTier, number>> = {
  free: 250_000,
  starter: 250_000,
  professional: 650_000,
  enterprise: 1_000_000,
};

/**
 * The search endpoints' own limit: 5 requests per second per token, as HubSpot's CRM search guide
 * states it (unverified here: an older HubSpot source says 4). Configurable per client.
 */
export const HUBSPOT_SEARCH_PER_SECOND = 5;

/** The `policyName` values a HubSpot 429 body carries. `SECONDLY` is the search limit's name (unverified). */
export const HUBSPOT_POLICY = {
  tenSecondlyRolling: 'TEN_SECONDLY_ROLLING',
  secondly: 'SECONDLY',
  daily: 'DAILY',
} as const;

/** The rate-limit headers HubSpot sends (lowercase; the daily pair is not sent to OAuth apps, per HubSpot). */
export const HUBSPOT_RATE_LIMIT_HEADERS = {
  daily: 'x-hubspot-ratelimit-daily',
  dailyRemaining: 'x-hubspot-ratelimit-daily-remaining',
  intervalMs: 'x-hubspot-ratelimit-interval-milliseconds',
  max: 'x-hubspot-ratelimit-max',
  remaining: 'x-hubspot-ratelimit-remaining',
  secondly: 'x-hubspot-ratelimit-secondly',
  secondlyRemaining: 'x-hubspot-ratelimit-secondly-remaining',
} as const;

/** The 10-second limit for a tier, or the number given. Bad input is a `RangeError` naming the option. */
export function hubspotBurstLimit(tier: HubspotTier | number = 'professional'): number {
  if (typeof tier === 'number') {
    if (!Number.isInteger(tier) || tier < 1)
      throw new ConfigurationError(`\`tier\` must be a tier name or a whole number of requests per 10 s (got ${tier}).`);
    return tier;
  }
  const limit = Object.hasOwn(HUBSPOT_BURST_LIMITS, tier) ? HUBSPOT_BURST_LIMITS[tier] : undefined;
  if (limit === undefined) {
    throw new ConfigurationError(
      `\`tier\` must be one of ${Object.keys(HUBSPOT_BURST_LIMITS).join(', ')} or a number (got ${JSON.stringify(tier)}).`,
    );
  }
  return limit;
}

/** The `policyName` of a HubSpot 429 body, if any. */
export function hubspotPolicyName(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const name = (body as { policyName?: unknown }).policyName;
  return typeof name === 'string' ? name : undefined;
}

/**
 * How long a HubSpot 429 asks us to wait. `Retry-After` first; then the
 * interval header; then the policy's own window (10 s rolling, 1 s secondly),
 * as HubSpot's SDK waits. A DAILY 429 is 0 here: it must not pause the bucket
 * for seconds, it fails fast (see `hubspotDailyLimit`).
 */
export function hubspotLimitWaitMs(response: JunctionResponse): number | undefined {
  const policy = hubspotPolicyName(response.data);
  if (policy === HUBSPOT_POLICY.daily) return 0;
  const asked = retryAfterMs(response.headers);
  if (asked !== undefined) return asked;
  const interval = Number(response.headers.get(HUBSPOT_RATE_LIMIT_HEADERS.intervalMs));
  if (Number.isFinite(interval) && interval > 0) return interval;
  if (policy !== undefined && policy !== HUBSPOT_POLICY.tenSecondlyRolling && /SECONDLY/.test(policy)) return 1000;
  return HUBSPOT_BURST_INTERVAL_MS;
}

/**
 * The connector's default limits: 190 requests per rolling 10 s (a sliding
 * log), waiting for the interval once `X-HubSpot-RateLimit-Remaining` is 0,
 * and every 429 read by its `policyName`. Clients set the tier's number.
 */
export const hubspotRateLimitPolicy: RateLimitPolicy = {
  requests: HUBSPOT_BURST_LIMITS.professional,
  intervalMs: HUBSPOT_BURST_INTERVAL_MS,
  budget: { remaining: HUBSPOT_RATE_LIMIT_HEADERS.remaining, reset: HUBSPOT_RATE_LIMIT_HEADERS.intervalMs, resetFormat: 'delta-ms' },
  signals: [{ status: 429, waitMs: hubspotLimitWaitMs }],
};

/**
 * HubSpot's verdicts, by the 429's `policyName` (the most specific rule):
 * the rolling and secondly limits clear in seconds, so wait and retry; the
 * DAILY limit does not clear until the day rolls over, so never retry.
 * Everything else keeps core's defaults; creates (POST) are side effects,
 * so they are repeated only when the failure proves HubSpot did not act
 * (a 429 does), never after an unknown outcome.
 */
export const hubspotRetryPolicy: RetryPolicy = {
  decide(error) {
    if (!isApiError(error) || error.status !== 429) return undefined;
    const policy = hubspotPolicyName(error.body);
    if (policy === HUBSPOT_POLICY.daily) return { retry: false, reason: 'rate_limited: policy DAILY (resets at the end of the day)' };
    return { retry: true, reason: `rate_limited: policy ${policy ?? 'unknown'}` };
  },
};

/** What HubSpot's rate-limit headers say about the budget left (each field only when its header was sent). */
export interface HubspotRateLimitInfo {
  daily?: number;
  dailyRemaining?: number;
  max?: number;
  remaining?: number;
  intervalMs?: number;
}

/** Reads the `X-HubSpot-RateLimit-*` headers of an answer (a `Headers`, or an error's lowercase record). */
export function readHubspotRateLimit(headers: Headers | Readonly<Record<string, string>>): HubspotRateLimitInfo {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers[name]) ?? undefined;
  const info: HubspotRateLimitInfo = {};
  const fields = {
    daily: 'daily',
    dailyRemaining: 'dailyRemaining',
    max: 'max',
    remaining: 'remaining',
    intervalMs: 'intervalMs',
  } as const;
  for (const [field, header] of Object.entries(fields) as [keyof HubspotRateLimitInfo, keyof typeof HUBSPOT_RATE_LIMIT_HEADERS][]) {
    const value = Number(get(HUBSPOT_RATE_LIMIT_HEADERS[header]) ?? Number.NaN);
    if (Number.isFinite(value)) info[field] = value;
  }
  return info;
}
