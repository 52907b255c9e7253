import { AuthError } from '../../errors/auth-error.js';
import { ConfigurationError } from '../../errors/configuration-error.js';
import { createRedactor } from '../../redaction/redactor.js';
import { loadOpenIdClient, type OpenIdClient } from './load-openid-client.js';
import { checkServer, type OAuth2Server } from './oauth2-server.js';
import { scopeString } from './scope.js';
import { type ServerConfiguration, serverConfiguration, tokenEndpointOf } from './server-configuration.js';
import { toTokenEndpointError } from './token-endpoint-error.js';
import { type TokenSet, tokenSetFrom } from './token-set.js';

/** What {@link createAuthorizationRequest} needs. */
export interface AuthorizationRequestOptions {
  clientId: string;
  /** Where the server sends the user back; must be registered with the server. */
  redirectUri: string;
  /** The scopes to ask for, as an array or a space-separated string. */
  scope?: string | readonly string[];
  /** More parameters for the authorization URL, e.g. `{ prompt: 'consent' }` or HubSpot's `optional_scope`. */
  parameters?: Record<string, string>;
}

/** An authorization request ready to send the user to. Keep `state` and `codeVerifier` server-side (e.g. in the session) until the callback. */
export interface AuthorizationRequest {
  /** Redirect the user's browser here. */
  url: string;
  /** Ties the callback to this request; checked by {@link exchangeAuthorizationCode}. */
  state: string;
  /** The PKCE secret whose challenge is in `url`; proves at the exchange that the callback belongs to this client. */
  codeVerifier: string;
}

/** What {@link exchangeAuthorizationCode} needs. */
export interface CodeExchangeOptions {
  clientId: string;
  /** Absent for public clients. */
  clientSecret?: string;
  /** The full URL the user came back to, query included (`https://app.example.com/callback?code=…&state=…`). */
  callbackUrl: string | URL;
  /** The `state` of the {@link AuthorizationRequest}. */
  state: string;
  /** The `codeVerifier` of the {@link AuthorizationRequest}. */
  codeVerifier: string;
  /**
   * The redirect URI sent in the authorization request, when it differs from
   * the callback URL's origin and path (e.g. behind a proxy). Default: the
   * callback URL without its query.
   */
  redirectUri?: string;
  /** More token request parameters. */
  parameters?: Record<string, string>;
}

/**
 * Builds the URL that starts the authorization code flow, with a random
 * `state` and a PKCE (S256) challenge. Send the user to `url`; keep `state`
 * and `codeVerifier` for the callback.
 */
export function createAuthorizationRequest(server: OAuth2Server, options: AuthorizationRequestOptions): Promise<AuthorizationRequest> {
  checkServer(server);
  return authorizationRequestWith(serverConfiguration(server), options);
}

/**
 * Completes the authorization code flow: checks the callback's `state` (and
 * `iss`, when sent), then trades the code and PKCE verifier for tokens.
 * Throws an AuthError with `reauthorize: true` when the user declined, the
 * state does not match, or the code was refused.
 */
export function exchangeAuthorizationCode(server: OAuth2Server, options: CodeExchangeOptions): Promise<TokenSet> {
  checkServer(server);
  return exchangeWith(serverConfiguration(server), options);
}

/** {@link createAuthorizationRequest} for an already prepared server (a scheme's, which discovers once). */
export async function authorizationRequestWith(
  configuration: ServerConfiguration,
  options: AuthorizationRequestOptions,
): Promise<AuthorizationRequest> {
  const openid = await loadOpenIdClient();
  const config = await configuration.configure({ clientId: options.clientId });
  if (!config.serverMetadata().authorization_endpoint) {
    throw new ConfigurationError('The OAuth 2 server has no authorization endpoint: give its "authorizationUrl".');
  }
  const state = openid.randomState();
  const codeVerifier = openid.randomPKCECodeVerifier();
  const scope = scopeString(options.scope);
  const url = openid.buildAuthorizationUrl(config, {
    ...options.parameters,
    redirect_uri: options.redirectUri,
    ...(scope ? { scope } : {}),
    state,
    code_challenge: await openid.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, state, codeVerifier };
}

/** {@link exchangeAuthorizationCode} for an already prepared server. */
export async function exchangeWith(configuration: ServerConfiguration, options: CodeExchangeOptions): Promise<TokenSet> {
  const callback = parseCallback(options.callbackUrl);
  const code = callback.searchParams.get('code') ?? undefined;
  const redact = createRedactor({ secrets: [options.clientSecret, options.codeVerifier, code] }).text;
  const openid = await loadOpenIdClient();
  const config = await configuration.configure(
    { clientId: options.clientId, ...(options.clientSecret ? { clientSecret: options.clientSecret } : {}) },
    { redact },
  );
  // openid-client derives redirect_uri from the URL it is given; rebuild it on the registered one.
  const current = options.redirectUri ? new URL(options.redirectUri) : callback;
  if (options.redirectUri) current.search = callback.search;
  try {
    const response = await openid.authorizationCodeGrant(
      config,
      current,
      { expectedState: options.state, pkceCodeVerifier: options.codeVerifier },
      options.parameters,
    );
    return tokenSetFrom(response);
  } catch (error) {
    throw (
      callbackError(openid, error, callback, options.state, config.serverMetadata().issuer, redact) ??
      toTokenEndpointError(
        error,
        { grant: 'authorization_code', url: tokenEndpointOf(config), timeoutMs: configuration.timeoutMs, redact },
        openid,
      )
    );
  }
}

/**
 * The error for a callback openid-client refused before any token request.
 * openid-client does the checks; this only names which one failed, from the
 * callback's own parameters, so the message says what to do.
 */
function callbackError(
  openid: OpenIdClient,
  error: unknown,
  callback: URL,
  expectedState: string,
  issuer: string,
  redact: (text: string) => string,
) {
  const params = callback.searchParams;
  if (error instanceof openid.AuthorizationResponseError) {
    const description = error.error_description ? `: ${redact(error.error_description)}` : '';
    return new AuthError(`The authorization was not granted (${error.error}${description}). Start the authorization again.`, {
      code: error.error,
      reauthorize: true,
    });
  }
  if (params.get('state') !== expectedState) {
    return new AuthError(
      'The callback does not carry the state of this authorization request: it belongs to another attempt, or was forged. Start the authorization again.',
      { code: 'state_mismatch', reauthorize: true },
    );
  }
  const iss = params.get('iss');
  if (iss !== null && iss !== issuer) {
    return new AuthError(
      `The callback comes from issuer "${redact(iss)}", not the expected "${issuer}". Set the server's "issuer" if this one is right; otherwise start the authorization again.`,
      { code: 'issuer_mismatch', reauthorize: true },
    );
  }
  if (params.get('code') === null) {
    return new AuthError('The callback carries no authorization code. Pass the full URL the user came back to, query included.', {
      code: 'missing_code',
      reauthorize: true,
    });
  }
  return undefined;
}

function parseCallback(callbackUrl: string | URL): URL {
  try {
    return new URL(callbackUrl);
  } catch {
    // The value is not echoed: it may hold the code.
    throw new ConfigurationError('The callbackUrl is not an absolute URL: pass the full URL the user came back to, query included.');
  }
}
