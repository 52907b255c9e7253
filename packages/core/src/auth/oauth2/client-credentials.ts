import { ConfigurationError } from '../../errors/configuration-error.js';
import type { AuthScheme } from '../auth-strategy.js';
import { loadOpenIdClient } from './load-openid-client.js';
import { memoryTokenStore } from './memory-token-store.js';
import { checkServer, type OAuth2Server } from './oauth2-server.js';
import { oauth2Strategy } from './oauth2-strategy.js';
import { scopeString } from './scope.js';
import { serverConfiguration, tokenEndpointOf } from './server-configuration.js';
import { toTokenEndpointError } from './token-endpoint-error.js';
import { createTokenManager } from './token-manager.js';
import { DEFAULT_REFRESH_SKEW_MS, type TokenOptions, type TokenSchemeOptions } from './token-options.js';
import { tokenSetFrom } from './token-set.js';

/** The credentials of an OAuth 2 client credentials scheme. */
export interface ClientCredentials extends TokenOptions {
  clientId: string;
  clientSecret: string;
  /** The scopes to ask for, as an array or a space-separated string. */
  scope?: string | readonly string[];
  /** More token request parameters some servers want, e.g. `{ audience }` or `{ resource }`. */
  parameters?: Record<string, string>;
}

/**
 * OAuth 2 client credentials (RFC 6749 §4.4): the client gets its own access
 * token with its id and secret, and gets a new one when that expires (or is
 * answered 401). Credentials: {@link ClientCredentials}; `scheme` holds the
 * provider's token rules ({@link TokenSchemeOptions}).
 */
export function oauth2ClientCredentials(server: OAuth2Server, scheme: TokenSchemeOptions = {}): AuthScheme<ClientCredentials> {
  checkServer(server);
  const configuration = serverConfiguration(server);
  return {
    kind: 'oauth2ClientCredentials',
    create(credentials) {
      const { clientId, clientSecret } = credentials ?? {};
      if (typeof clientId !== 'string' || clientId === '' || typeof clientSecret !== 'string' || clientSecret === '') {
        throw new ConfigurationError('OAuth 2 client credentials need a non-empty "clientId" and "clientSecret".');
      }
      const scope = scopeString(credentials.scope);
      const parameters = { ...credentials.parameters, ...(scope ? { scope } : {}) };
      const manager = createTokenManager({
        grant: 'client_credentials',
        store: credentials.store ?? memoryTokenStore(),
        key: credentials.tokenKey ?? `oauth2:client_credentials:${clientId}@${configuration.label}${scope ? ` ${scope}` : ''}`,
        skewMs: credentials.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS,
        ...(credentials.onTokens ? { onTokens: credentials.onTokens } : {}),
        ...(scheme.verifyTokens ? { verify: scheme.verifyTokens } : {}),
        async obtain(_current, ctx) {
          const redact = ctx.redactor.text;
          const openid = await loadOpenIdClient();
          const config = await configuration.configure({ clientId, clientSecret }, { connector: ctx.connector.name, redact });
          try {
            return tokenSetFrom(await openid.clientCredentialsGrant(config, parameters));
          } catch (error) {
            throw toTokenEndpointError(
              error,
              {
                grant: 'client_credentials',
                url: tokenEndpointOf(config),
                connector: ctx.connector.name,
                timeoutMs: configuration.timeoutMs,
                redact,
              },
              openid,
            );
          }
        },
      });
      return oauth2Strategy({
        kind: 'oauth2ClientCredentials',
        manager,
        clientSecret,
        refreshOnUnauthorized: credentials.refreshOnUnauthorized ?? true,
        scheme,
      });
    },
  };
}
