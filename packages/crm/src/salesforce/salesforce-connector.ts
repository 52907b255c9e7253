import { type CallOptions, type Client, type ClientSettings, createClient, defineConnector } from '@junction/core';
import { SALESFORCE_STAND_IN_BASE } from './salesforce-api.js';
import { type SalesforceAuth, type SalesforceLogin, salesforceAuthorizationCode, salesforceAuthStrategy } from './salesforce-auth.js';
import { type CollectionMethods, collectionMethods } from './salesforce-collections.js';
import { salesforceErrors } from './salesforce-errors.js';
import { salesforceRecordOperations } from './salesforce-operations.js';
import { salesforceCollectionOperations } from './salesforce-operations-collections.js';
import { salesforceQueryOperations } from './salesforce-operations-query.js';
import { type ApiUsageOptions, createApiUsageTracker, type SalesforceApiUsage, salesforceRetryPolicy } from './salesforce-policies.js';
import { type QueryMethods, queryMethods } from './salesforce-query.js';

/**
 * The Salesforce REST API connector: sObject rows, upsert by external id,
 * SOQL queries, sObject Collections and limits, on the pinned API version.
 * Its `baseUrl` is a stand-in: every call goes to the `instance_url` its
 * token names. No idempotency key is declared (Salesforce takes none):
 * creates are side effects, upserts by external id are repeatable.
 */
export const salesforceConnector = defineConnector({
  name: 'salesforce',
  baseUrl: SALESFORCE_STAND_IN_BASE,
  auth: salesforceAuthorizationCode(),
  operations: { ...salesforceRecordOperations, ...salesforceQueryOperations, ...salesforceCollectionOperations },
  errors: salesforceErrors,
  retry: salesforceRetryPolicy,
});

/** The type of the Salesforce connector. */
export type SalesforceConnector = typeof salesforceConnector;

/** Options for {@link createSalesforceClient}. */
export interface SalesforceClientOptions extends ClientSettings, Omit<SalesforceLogin, 'fetch' | 'clientSecret'> {
  /** How the client authenticates: the web server flow's tokens, client credentials, or the JWT bearer flow. */
  auth: SalesforceAuth;
  /** Watching the org's API allocation (`Sforce-Limit-Info`): where to stop, and a callback per response. */
  apiUsage?: ApiUsageOptions;
  /** The clock for JWT assertions, in ms. Default `Date.now`. */
  now?: () => number;
}

/** A typed Salesforce client: one method per operation, query paging, chunked collections, and the last API usage seen. */
export type SalesforceClient = Client<SalesforceConnector> &
  QueryMethods &
  CollectionMethods & {
    /** The org's API usage from the last response that reported it. */
    apiUsage(): SalesforceApiUsage | undefined;
  };

/**
 * Creates a Salesforce client. Calls go to the token's `instance_url`
 * (`/services/data/v68.0`); an expired session (401 `INVALID_SESSION_ID`) is
 * renewed once and the call sent again; `UNABLE_TO_LOCK_ROW` is retried;
 * usage past `apiUsage.stopAt` (95%) is refused before sending, and
 * `REQUEST_LIMIT_EXCEEDED` fails at once as a non-retryable `RateLimitError`.
 *
 * @example
 * const sf = createSalesforceClient({ auth: { type: 'authorizationCode', clientId, clientSecret, tokens } });
 * for await (const c of sf.queryRecords(soql.select(['Id', 'Email']).from('Contact'))) console.log(c.Email);
 */
export function createSalesforceClient(options: SalesforceClientOptions): SalesforceClient {
  const { auth, apiUsage, now, loginUrl, allowInsecureRequests, ...settings } = options;
  const login: SalesforceLogin = {
    ...(loginUrl ? { loginUrl } : {}),
    ...(allowInsecureRequests ? { allowInsecureRequests } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  };
  const tracker = createApiUsageTracker(apiUsage);
  const client = createClient(salesforceConnector, {
    ...settings,
    auth: salesforceAuthStrategy(auth, login, now),
    // Inside auth: it sees every answer, the 401 before a renewal included.
    middleware: [...(settings.middleware ?? []), { use: tracker.middleware, position: { after: 'auth' }, name: 'salesforceApiUsage' }],
  });
  return Object.assign(client, queryMethods(client), collectionMethods(client), { apiUsage: () => tracker.current() });
}

/** Call options accepted by the helpers. */
export type SalesforceCallOptions = CallOptions;
