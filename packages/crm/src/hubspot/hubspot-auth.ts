import {
  type AuthorizationCodeCredentials,
  type AuthorizationCodeScheme,
  ConfigurationError,
  type OAuth2Fetch,
  oauth2AuthorizationCode,
} from '@junction/core';

/** HubSpot's OAuth 2 endpoints (v1 token endpoint; HubSpot deprecates it from 2027-02-16 for `/oauth/2026-03/token`). */
export const HUBSPOT_OAUTH_ENDPOINTS = {
  authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
  tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
} as const;

/**
 * Where a refresh token is deleted: `DELETE {this}/{refreshToken}` answers 204, and
 * the token can no longer be refreshed (HubSpot's OAuth v1 "Delete a refresh
 * token", the way to disconnect an account; it takes no other credentials).
 */
export const HUBSPOT_REFRESH_TOKENS_URL = 'https://api.hubapi.com/oauth/v1/refresh-tokens';

/** HubSpot access tokens are opaque and up to 300 characters long (HubSpot: "allow for tokens up to 300 characters"). */
export const HUBSPOT_TOKEN_MAX_LENGTH = 300;

/** Options for {@link hubspotOAuth}: other endpoints (a sandbox), plain http for a loopback server. */
export interface HubspotOAuthOptions {
  /** The authorize URL. Default HubSpot's. */
  authorizationUrl?: string;
  /** The token URL. Default HubSpot's. */
  tokenUrl?: string;
  /** Allow `http://` endpoints: a local sandbox only. */
  allowInsecureRequests?: boolean;
  /** The fetch for token requests. */
  fetch?: OAuth2Fetch;
}

/**
 * HubSpot's OAuth 2 authorization code scheme (PKCE S256, refresh tokens):
 * manual endpoints (HubSpot has no discovery) and the client secret in the
 * body (`client_secret_post`), as HubSpot's token endpoint wants it. Use it to
 * build the authorization URL and exchange the code; pass the resulting
 * tokens to `createHubspotClient({ oauth })`.
 */
export function hubspotOAuth(options: HubspotOAuthOptions = {}): AuthorizationCodeScheme {
  return oauth2AuthorizationCode({
    authorizationUrl: options.authorizationUrl ?? HUBSPOT_OAUTH_ENDPOINTS.authorizationUrl,
    tokenUrl: options.tokenUrl ?? HUBSPOT_OAUTH_ENDPOINTS.tokenUrl,
    clientAuthentication: 'client_secret_post',
    ...(options.allowInsecureRequests ? { allowInsecureRequests: true } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/**
 * The credentials of one HubSpot OAuth connection (core's authorization code
 * credentials). Renewal happens on `expires_in`, as HubSpot advises, not on a
 * 401: `createHubspotClient` sets `refreshOnUnauthorized: false` unless you say otherwise.
 */
export type HubspotOAuthCredentials = AuthorizationCodeCredentials;

/** Refuses a private-app token that cannot be one: empty, over 300 characters, or with whitespace. Never echoes the token. */
export function checkHubspotToken(token: string): void {
  if (token.length === 0)
    throw new ConfigurationError('`accessToken` is empty: pass the private app access token (Settings → Integrations → Private apps).');
  if (token.length > HUBSPOT_TOKEN_MAX_LENGTH) {
    throw new ConfigurationError(
      `\`accessToken\` is ${token.length} characters long; HubSpot tokens are at most ${HUBSPOT_TOKEN_MAX_LENGTH}.`,
    );
  }
  if (/\s/.test(token)) throw new ConfigurationError('`accessToken` contains whitespace: copy the token without spaces or line breaks.');
}
