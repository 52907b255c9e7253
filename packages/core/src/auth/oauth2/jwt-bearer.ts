import { ConfigurationError } from '../../errors/configuration-error.js';
import type { AuthScheme } from '../auth-strategy.js';
import { loadOpenIdClient } from './load-openid-client.js';
import { memoryTokenStore } from './memory-token-store.js';
import { checkServer, type OAuth2Server } from './oauth2-server.js';
import { oauth2Strategy } from './oauth2-strategy.js';
import { serverConfiguration, tokenEndpointOf } from './server-configuration.js';
import { toTokenEndpointError } from './token-endpoint-error.js';
import { createTokenManager } from './token-manager.js';
import { DEFAULT_REFRESH_SKEW_MS, type TokenOptions, type TokenSchemeOptions } from './token-options.js';
import { tokenSetFrom } from './token-set.js';

/** The grant type of RFC 7523 §2.1. */
export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The credentials of an OAuth 2 JWT bearer scheme. */
export interface JwtBearerCredentials extends TokenOptions {
  clientId: string;
  /**
   * Makes a fresh signed assertion (a JWT) for each token request: signing is
   * the provider's business (claims, algorithm, key), so core needs no JOSE library.
   */
  assertion: () => string | Promise<string>;
  /** Sent with the request when the server wants client authentication too. */
  clientSecret?: string;
  /** More token request parameters. */
  parameters?: Record<string, string>;
}

/**
 * OAuth 2 JWT bearer grant (RFC 7523 §2.1): the client trades an assertion it
 * signed for an access token, and signs a new one when that token expires
 * (or is answered 401). No user interaction, no refresh token.
 */
export function oauth2JwtBearer(server: OAuth2Server, scheme: TokenSchemeOptions = {}): AuthScheme<JwtBearerCredentials> {
  checkServer(server);
  const configuration = serverConfiguration(server);
  return {
    kind: 'oauth2JwtBearer',
    create(credentials) {
      const { clientId, clientSecret } = credentials ?? {};
      if (typeof clientId !== 'string' || clientId === '') {
        throw new ConfigurationError('OAuth 2 JWT bearer credentials need a non-empty "clientId".');
      }
      if (typeof credentials.assertion !== 'function') {
        throw new ConfigurationError('OAuth 2 JWT bearer credentials need an "assertion" function that returns a signed JWT.');
      }
      const manager = createTokenManager({
        grant: 'jwt_bearer',
        store: credentials.store ?? memoryTokenStore(),
        key: credentials.tokenKey ?? `oauth2:jwt_bearer:${clientId}@${configuration.label}`,
        skewMs: credentials.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS,
        ...(credentials.onTokens ? { onTokens: credentials.onTokens } : {}),
        ...(scheme.verifyTokens ? { verify: scheme.verifyTokens } : {}),
        async obtain(_current, ctx) {
          const redact = ctx.redactor.text;
          const openid = await loadOpenIdClient();
          const config = await configuration.configure(
            { clientId, ...(clientSecret ? { clientSecret } : {}) },
            { connector: ctx.connector.name, redact },
          );
          const assertion = await credentials.assertion();
          try {
            const response = await openid.genericGrantRequest(config, JWT_BEARER_GRANT_TYPE, { ...credentials.parameters, assertion });
            return tokenSetFrom(response);
          } catch (error) {
            throw toTokenEndpointError(
              error,
              {
                grant: 'jwt_bearer',
                url: tokenEndpointOf(config),
                connector: ctx.connector.name,
                timeoutMs: configuration.timeoutMs,
                redact: (text) => redact(text.replaceAll(assertion, '[REDACTED]')),
              },
              openid,
            );
          }
        },
      });
      return oauth2Strategy({
        kind: 'oauth2JwtBearer',
        manager,
        ...(clientSecret ? { clientSecret } : {}),
        refreshOnUnauthorized: credentials.refreshOnUnauthorized ?? true,
        scheme,
      });
    },
  };
}
