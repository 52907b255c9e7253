import { ConfigurationError } from '../../errors/configuration-error.js';
import type { AuthScheme } from '../auth-strategy.js';
import {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  authorizationRequestWith,
  type CodeExchangeOptions,
  exchangeWith,
} from './authorization-request.js';
import { memoryTokenStore } from './memory-token-store.js';
import { checkServer, type OAuth2Server } from './oauth2-server.js';
import { oauth2Strategy } from './oauth2-strategy.js';
import { refreshTokens } from './refresh-tokens.js';
import { serverConfiguration } from './server-configuration.js';
import { createTokenManager } from './token-manager.js';
import { DEFAULT_REFRESH_SKEW_MS, type TokenOptions, type TokenSchemeOptions } from './token-options.js';
import type { TokenSet } from './token-set.js';

/** The credentials of an OAuth 2 authorization code scheme: one user's connection. */
export interface AuthorizationCodeCredentials extends TokenOptions {
  clientId: string;
  /** Absent for public clients. */
  clientSecret?: string;
  /**
   * The tokens from {@link exchangeAuthorizationCode}, or loaded from your
   * database. When `store` holds tokens under `tokenKey`, those win: they may
   * carry a rotated refresh token.
   */
  tokens?: TokenSet;
  /** More refresh request parameters. */
  parameters?: Record<string, string>;
}

/** The authorization code scheme, with the two steps that obtain the first tokens. */
export interface AuthorizationCodeScheme extends AuthScheme<AuthorizationCodeCredentials> {
  /** Builds the URL to send the user to, with state and PKCE. See {@link createAuthorizationRequest}. */
  createAuthorizationRequest(options: AuthorizationRequestOptions): Promise<AuthorizationRequest>;
  /** Checks the callback and trades its code for tokens. See {@link exchangeAuthorizationCode}. */
  exchangeAuthorizationCode(options: CodeExchangeOptions): Promise<TokenSet>;
}

/**
 * OAuth 2 authorization code with PKCE (RFC 6749 §4.1, RFC 7636): a user
 * grants access once through {@link AuthorizationCodeScheme.createAuthorizationRequest}
 * and {@link AuthorizationCodeScheme.exchangeAuthorizationCode}; clients then
 * send the access token and renew it with the refresh token grant before it
 * expires (and once on a 401). Credentials: {@link AuthorizationCodeCredentials};
 * `scheme` holds the provider's token rules ({@link TokenSchemeOptions}).
 */
export function oauth2AuthorizationCode(server: OAuth2Server, scheme: TokenSchemeOptions = {}): AuthorizationCodeScheme {
  checkServer(server);
  const configuration = serverConfiguration(server);
  return {
    kind: 'oauth2AuthorizationCode',
    createAuthorizationRequest: (options) => authorizationRequestWith(configuration, options),
    async exchangeAuthorizationCode(options) {
      const tokens = await exchangeWith(configuration, options);
      await scheme.verifyTokens?.(tokens);
      return tokens;
    },
    create(credentials) {
      const { clientId, clientSecret } = credentials ?? {};
      if (typeof clientId !== 'string' || clientId === '') {
        throw new ConfigurationError('OAuth 2 authorization code credentials need a non-empty "clientId".');
      }
      if (credentials.store && !credentials.tokenKey) {
        throw new ConfigurationError(
          'OAuth 2 authorization code credentials with a "store" need a "tokenKey": one store holds many users\' tokens, each under its own key.',
        );
      }
      if (!credentials.store && !credentials.tokens) {
        throw new ConfigurationError(
          'OAuth 2 authorization code credentials need "tokens" (from exchangeAuthorizationCode) or a "store" that holds them.',
        );
      }
      const key = credentials.tokenKey ?? 'oauth2:authorization_code';
      const manager = createTokenManager({
        grant: 'refresh_token',
        store: credentials.store ?? memoryTokenStore(),
        key,
        skewMs: credentials.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS,
        ...(credentials.tokens ? { initial: credentials.tokens } : {}),
        ...(credentials.onTokens ? { onTokens: credentials.onTokens } : {}),
        ...(scheme.verifyTokens ? { verify: scheme.verifyTokens } : {}),
        obtain: refreshTokens({
          configuration,
          client: { clientId, ...(clientSecret ? { clientSecret } : {}) },
          key,
          ...(credentials.parameters ? { parameters: credentials.parameters } : {}),
        }),
      });
      return oauth2Strategy({
        kind: 'oauth2AuthorizationCode',
        manager,
        ...(clientSecret ? { clientSecret } : {}),
        refreshOnUnauthorized: credentials.refreshOnUnauthorized ?? true,
        scheme,
      });
    },
  };
}
