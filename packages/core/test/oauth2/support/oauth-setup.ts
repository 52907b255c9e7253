import type { AuthorizationCodeScheme, OAuth2Fetch, OAuth2Server, TokenSet } from '../../../src/auth/oauth2/index.js';
import type { AuthServer, TestClient } from './auth-server.js';
import { loginAndConsent } from './login.js';

/** The test server declared like HubSpot: endpoints given, no discovery, secret in the body. */
export function manualServer(auth: AuthServer, fetch: OAuth2Fetch): OAuth2Server {
  return {
    tokenUrl: auth.tokenUrl,
    authorizationUrl: auth.authorizationUrl,
    clientAuthentication: 'client_secret_post',
    allowInsecureRequests: true,
    fetch,
  };
}

/** The test server declared by its issuer: endpoints discovered, secret in the Basic header. */
export function discoveredServer(auth: AuthServer, fetch: OAuth2Fetch): OAuth2Server {
  return { issuer: auth.issuer, allowInsecureRequests: true, fetch };
}

/** Runs the whole authorization code flow for one user and returns the tokens, as an app's OAuth routes would. */
export async function authorizeUser(
  scheme: AuthorizationCodeScheme,
  auth: AuthServer,
  client: TestClient,
  options: { accountId?: string; scope?: string } = {},
): Promise<TokenSet> {
  const request = await scheme.createAuthorizationRequest({
    clientId: client.clientId,
    redirectUri: auth.redirectUri,
    scope: options.scope ?? 'offline_access',
    // oidc-provider grants offline_access (a refresh token) only with prompt=consent.
    parameters: { prompt: 'consent' },
  });
  const callbackUrl = await loginAndConsent(request.url, options.accountId ?? 'user-1', auth.redirectUri);
  return scheme.exchangeAuthorizationCode({ ...client, callbackUrl, state: request.state, codeVerifier: request.codeVerifier });
}
