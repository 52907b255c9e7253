/**
 * OAuth 2 for Junction: client credentials, authorization code with PKCE and
 * refresh, JWT bearer, behind the same AuthScheme / AuthStrategy interface as the simple
 * schemes. The protocol is openid-client's; this folder adds token storage,
 * renewal before expiry and once on a 401, single-flight, cross-process
 * locking and typed errors.
 */

export {
  type AuthorizationCodeCredentials,
  type AuthorizationCodeScheme,
  oauth2AuthorizationCode,
} from './authorization-code.js';
export {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  type CodeExchangeOptions,
  createAuthorizationRequest,
  exchangeAuthorizationCode,
} from './authorization-request.js';
export { type ClientCredentials, oauth2ClientCredentials } from './client-credentials.js';
export { JWT_BEARER_GRANT_TYPE, type JwtBearerCredentials, oauth2JwtBearer } from './jwt-bearer.js';
export { memoryTokenStore } from './memory-token-store.js';
export type {
  ClientAuthentication,
  DiscoveredEndpoints,
  ManualEndpoints,
  OAuth2Fetch,
  OAuth2Server,
} from './oauth2-server.js';
export { DEFAULT_REFRESH_SKEW_MS, type TokenOptions, type TokenSchemeOptions } from './token-options.js';
export { isFresh, type TokenSet } from './token-set.js';
export type { TokenStore } from './token-store.js';
