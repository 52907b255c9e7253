import type { TokenEndpointResponse } from 'openid-client';

/**
 * The tokens one OAuth 2 grant produced, in a plain, JSON-safe form that a
 * {@link TokenStore} can keep as is. Every field but `tokenType` and
 * `accessToken` may be absent: servers leave them out.
 */
export interface TokenSet {
  accessToken: string;
  /** Lowercase, as openid-client reports it; `bearer` in practice. */
  tokenType: string;
  /** Present for grants that can be renewed without the user (authorization code with `offline_access` or the like). */
  refreshToken?: string;
  /** When the access token expires, in milliseconds since the epoch; absent when the server did not say. */
  expiresAt?: number;
  /** The scopes granted, space-separated, when the server said. */
  scope?: string;
}

/**
 * Turns a token endpoint response into a {@link TokenSet}. A refresh response
 * may leave out the refresh token and scope (RFC 6749 §6): the previous ones
 * still hold, so they are carried over.
 */
export function tokenSetFrom(response: TokenEndpointResponse, previous?: TokenSet, now: number = Date.now()): TokenSet {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const scope = response.scope ?? previous?.scope;
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(response.expires_in === undefined ? {} : { expiresAt: now + response.expires_in * 1000 }),
    ...(scope === undefined ? {} : { scope }),
  };
}

/**
 * True while the access token can still be sent: it has no known expiry, or
 * it expires more than `skewMs` from now. The skew leaves time for the request
 * to reach the provider before the token lapses.
 */
export function isFresh(tokens: TokenSet, skewMs: number, now: number = Date.now()): boolean {
  return tokens.expiresAt === undefined || tokens.expiresAt - skewMs > now;
}
