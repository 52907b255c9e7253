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
  /**
   * When the access token was issued, in milliseconds since the epoch: with
   * `expiresAt`, the lifetime the server gave it (`expires_in`), which bounds
   * how early it is renewed. Set with `expiresAt`; a token set made by hand may leave it out.
   */
  issuedAt?: number;
  /** The scopes granted, space-separated, when the server said. */
  scope?: string;
  /**
   * The token response's other fields with text, number or boolean values
   * (Salesforce's `instance_url`, `id`, `issued_at`, `signature`), kept so a
   * scheme's `baseUrlFrom` or `verifyTokens` can read them from stored tokens.
   * Absent when there were none. `id_token` is never kept.
   */
  extra?: Readonly<Record<string, string | number | boolean>>;
}

// Read into the named fields above, or never kept (an ID token is not an API credential).
const KNOWN_FIELDS = new Set(['access_token', 'token_type', 'refresh_token', 'expires_in', 'scope', 'id_token']);

/** The response fields {@link TokenSet.extra} keeps; a refresh that leaves one out keeps the previous value. */
function extraFields(response: TokenEndpointResponse, previous?: TokenSet): TokenSet['extra'] {
  const out: Record<string, string | number | boolean> = { ...previous?.extra };
  for (const [name, value] of Object.entries(response)) {
    if (KNOWN_FIELDS.has(name)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[name] = value;
  }
  for (const _ in out) return out;
  return undefined;
}

/**
 * Turns a token endpoint response into a {@link TokenSet}. A refresh response
 * may leave out the refresh token and scope (RFC 6749 §6): the previous ones
 * still hold, so they are carried over.
 */
export function tokenSetFrom(response: TokenEndpointResponse, previous?: TokenSet, now: number = Date.now()): TokenSet {
  const refreshToken = response.refresh_token ?? previous?.refreshToken;
  const scope = response.scope ?? previous?.scope;
  const extra = extraFields(response, previous);
  return {
    accessToken: response.access_token,
    tokenType: response.token_type,
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(response.expires_in === undefined ? {} : { issuedAt: now, expiresAt: now + response.expires_in * 1000 }),
    ...(scope === undefined ? {} : { scope }),
    ...(extra === undefined ? {} : { extra }),
  };
}

/** The most of a token's lifetime the renewal skew may take. */
const MAX_SKEW_SHARE_OF_LIFETIME = 0.5;

/**
 * True while the access token can still be sent: it has no known expiry, or
 * it expires more than the skew from now. The skew leaves time for the
 * request to reach the provider before the token lapses; it is `skewMs`, but
 * never more than half the lifetime the token was issued with (when
 * `issuedAt` says what that was), so a token that lives less than the skew is
 * still used for half its life rather than renewed on every call.
 */
export function isFresh(tokens: TokenSet, skewMs: number, now: number = Date.now()): boolean {
  if (tokens.expiresAt === undefined) return true;
  const lifetime = tokens.issuedAt === undefined ? Number.POSITIVE_INFINITY : Math.max(0, tokens.expiresAt - tokens.issuedAt);
  return tokens.expiresAt - Math.min(skewMs, lifetime * MAX_SKEW_SHARE_OF_LIFETIME) > now;
}
