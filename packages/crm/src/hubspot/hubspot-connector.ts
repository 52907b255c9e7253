import {
  bearer,
  type Client,
  type ClientSettings,
  ConfigurationError,
  createClient,
  defineConnector,
  type SecretSource,
} from '@junction/core';
import { checkHubspotToken, type HubspotOAuthCredentials, type HubspotOAuthOptions, hubspotOAuth } from './hubspot-auth.js';
import { hubspotDailyLimit } from './hubspot-daily-limit.js';
import { hubspotErrors } from './hubspot-errors.js';
import { hubspotOperations } from './hubspot-operations.js';
import {
  HUBSPOT_SEARCH_PER_SECOND,
  type HubspotTier,
  hubspotBurstLimit,
  hubspotRateLimitPolicy,
  hubspotRetryPolicy,
} from './hubspot-policies.js';
import { hubspotSearchLimit } from './hubspot-search-limit.js';
import { HUBSPOT_BASE_URL } from './hubspot-version.js';
import { hubspotWebhooks } from './hubspot-webhooks.js';

/**
 * The HubSpot connector: everything particular to HubSpot, as data (bearer
 * token, dated 2026-03 paths, its error body, the 10-second limit and 429
 * `policyName` verdicts, no idempotency keys, v3-signed batch webhooks).
 * Use it through `createHubspotClient`, or give it to core's `createWebhookReceiver`.
 */
export const hubspotConnector = defineConnector({
  name: 'hubspot',
  baseUrl: HUBSPOT_BASE_URL,
  // A private app token; OAuth connections replace the strategy per client (createHubspotClient({ oauth })).
  auth: bearer(),
  operations: hubspotOperations,
  errors: hubspotErrors,
  retry: hubspotRetryPolicy,
  rateLimit: hubspotRateLimitPolicy,
  // HubSpot takes no idempotency key: none is declared, so none is sent and creates are not repeated blindly.
  webhooks: hubspotWebhooks,
  timeoutMs: 30_000,
});

/** The type of the HubSpot connector. */
export type HubspotConnector = typeof hubspotConnector;

/** A typed HubSpot client: one method per operation (`createObject`, `searchObjects`, `batchUpsertObjects`…), plus `request()`. */
export type HubspotClient = Client<HubspotConnector>;

/** An OAuth connection for {@link createHubspotClient}: core's authorization code credentials, and the endpoints (a sandbox's). */
export type HubspotOAuthConnection = HubspotOAuthCredentials & { endpoints?: HubspotOAuthOptions };

/** Options for {@link createHubspotClient}. */
export type HubspotClientOptions = ClientSettings &
  ({ accessToken: SecretSource; oauth?: never } | { oauth: HubspotOAuthConnection; accessToken?: never }) & {
    /** The account tier (sets the 10-second limit) or the number of requests per 10 s. Default `professional` (190). */
    tier?: HubspotTier | number;
    /** The search endpoints' requests per second; `false` not to pace them. Default 5. */
    searchPerSecond?: number | false;
    /** The account's IANA time zone, for when a DAILY limit resets. Default `UTC` (said as assumed). */
    timeZone?: string;
    /** The clock for the daily reset time. Default `Date.now`. */
    now?: () => number;
  };

/**
 * Creates a HubSpot client, with a private app token (`accessToken`) or an
 * OAuth connection (`oauth`: tokens renewed on `expires_in`, once for all
 * concurrent calls). Calls are paced to the tier's 10-second limit and the
 * search limit; a rolling or secondly 429 is waited out and retried; a DAILY
 * 429 fails at once with a non-retryable `RateLimitError` saying when the day ends.
 *
 * @example
 * const hubspot = createHubspotClient({ accessToken: process.env.HUBSPOT_TOKEN!, tier: 'professional' });
 * const contact = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'ada@example.com' } });
 */
export function createHubspotClient(options: HubspotClientOptions): HubspotClient {
  const { accessToken, oauth, tier, searchPerSecond, timeZone, now, ...settings } = options;
  const search = searchPerSecond ?? HUBSPOT_SEARCH_PER_SECOND;
  if (search !== false && !(Number.isInteger(search) && search >= 1)) {
    throw new ConfigurationError(`\`searchPerSecond\` must be a whole number of at least 1, or false (got ${String(search)}).`);
  }
  const middleware = [
    ...(settings.middleware ?? []),
    {
      use: hubspotDailyLimit({ ...(timeZone ? { timeZone } : {}), ...(now ? { now } : {}) }),
      position: { after: 'retry' as const },
      name: 'hubspotDaily',
    },
    ...(search === false ? [] : [{ use: hubspotSearchLimit(search), position: { after: 'rateLimit' as const }, name: 'hubspotSearch' }]),
  ];
  const rateLimit: ClientSettings['rateLimit'] =
    settings.rateLimit === false ? false : { requests: hubspotBurstLimit(tier), ...settings.rateLimit };
  const common = { ...settings, middleware, rateLimit };
  if (oauth) {
    const { endpoints, ...credentials } = oauth;
    // HubSpot: "Unauthorized (401) requests are not a valid indicator that a new access token must be retrieved."
    const strategy = hubspotOAuth(endpoints).create({ refreshOnUnauthorized: false, ...credentials });
    return createClient(hubspotConnector, { ...common, auth: strategy });
  }
  if (accessToken === undefined)
    throw new ConfigurationError('createHubspotClient needs `accessToken` (a private app) or `oauth` (an OAuth connection).');
  if (typeof accessToken === 'string') checkHubspotToken(accessToken);
  return createClient(hubspotConnector, { ...common, credentials: { token: accessToken } });
}
