import type { ApiError } from '../../errors/api-error.js';
import type { TokenSet } from './token-set.js';
import type { TokenStore } from './token-store.js';

/** How long before expiry tokens are renewed, by default. */
export const DEFAULT_REFRESH_SKEW_MS = 60_000;

/** Where tokens are kept and when they are renewed: shared by every OAuth grant's credentials. */
export interface TokenOptions {
  /** Where tokens live. Default: a store in this client's memory. Share one (with a lock) between processes to renew once. */
  store?: TokenStore;
  /**
   * The key the tokens are saved under in `store`. Client credentials default
   * to one key per client id, server and scope; the authorization code grant
   * needs one per user connection, so it is required with a `store`.
   */
  tokenKey?: string;
  /**
   * Called with every new token set, after the store has it and its lock is
   * released, and before the tokens are used: persist rotated refresh tokens
   * here. A callback that throws does not fail the call (the tokens are
   * already in the store); its error is reported in the `tokenRefreshed` event.
   */
  onTokens?: (tokens: TokenSet) => void | Promise<void>;
  /**
   * Renew this many milliseconds before the access token expires. Default 60 000.
   * Never more than half the lifetime the token was issued with, so a token
   * that lives less than this is still used for half its life.
   */
  refreshSkewMs?: number;
  /**
   * When the API answers 401 to a token believed valid, renew it once and send
   * the request again. Default true. HubSpot asks clients to renew on expiry
   * rather than on a 401: set false for it.
   */
  refreshOnUnauthorized?: boolean;
}

/**
 * What a provider says about its tokens, given once to the scheme (not per
 * user): where the API lives for a token, how to check a token response, and
 * which 401s mean "renew".
 */
export interface TokenSchemeOptions {
  /**
   * The API's base URL for these tokens, when the token response names it
   * (Salesforce: `` `${extra.instance_url}/services/data/v66.0` ``). Each
   * attempt whose URL lies under the connector's `baseUrl` (a stand-in) is
   * moved under this one, so a renewal that names another base moves the
   * calls after it. A URL on the stand-in's origin but outside its path is
   * refused; a URL on another origin (an absolute URL, a `baseUrl` override) is left alone.
   */
  baseUrlFrom?(tokens: TokenSet): string;
  /**
   * Checks a new token set before it is saved or used (e.g. a signature the
   * provider puts in the response); throw a typed error to refuse it.
   * Also run on the tokens of {@link exchangeAuthorizationCode} made through the scheme.
   */
  verifyTokens?(tokens: TokenSet): void | Promise<void>;
  /**
   * Which 401 answers mean the token expired or was revoked, so it is renewed
   * once and the call sent again (Salesforce: `errorCode` `INVALID_SESSION_ID`).
   * Default: every 401. Only consulted when `refreshOnUnauthorized` is on.
   */
  isExpired?(error: ApiError): boolean;
}
