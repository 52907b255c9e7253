import { AuthError, isAuthError } from '../../errors/auth-error.js';
import type { RequestContext } from '../../pipeline/context.js';
import { loadOpenIdClient } from './load-openid-client.js';
import { type OAuth2ClientIdentity, type ServerConfiguration, tokenEndpointOf } from './server-configuration.js';
import { toTokenEndpointError } from './token-endpoint-error.js';
import { type TokenSet, tokenSetFrom } from './token-set.js';

/** What the refresh token grant needs besides the tokens. */
export interface RefreshOptions {
  configuration: ServerConfiguration;
  client: OAuth2ClientIdentity;
  /** The store key, named in errors so the caller knows which connection needs the user again. */
  key: string;
  parameters?: Record<string, string>;
}

/**
 * The refresh token grant (RFC 6749 §6), as a token manager's `obtain`. A
 * refresh token the server refused is remembered: asking again with it would
 * only be refused again, so later calls fail at once until the store holds a
 * different one (the user authorized again).
 */
export function refreshTokens(options: RefreshOptions): (current: TokenSet | undefined, ctx: RequestContext) => Promise<TokenSet> {
  let refused: { refreshToken: string; error: AuthError } | undefined;

  return async (current, ctx) => {
    if (!current) {
      throw new AuthError(`No OAuth tokens are stored under "${options.key}": the user must authorize first.`, {
        code: 'missing_tokens',
        reauthorize: true,
      });
    }
    const refreshToken = current.refreshToken;
    if (!refreshToken) {
      throw new AuthError(
        'The access token has expired and there is no refresh token to renew it: the user must authorize again (ask for offline access to get a refresh token).',
        { code: 'no_refresh_token', reauthorize: true },
      );
    }
    if (refused?.refreshToken === refreshToken) {
      const { error } = refused;
      throw new AuthError(error.message, {
        code: error.code ?? 'invalid_grant',
        reauthorize: true,
        ...(error.status === undefined ? {} : { status: error.status }),
        ...(error.request ? { request: error.request } : {}),
      });
    }
    const redact = ctx.redactor.text;
    const openid = await loadOpenIdClient();
    const config = await options.configuration.configure(options.client, { connector: ctx.connector.name, redact });
    try {
      return tokenSetFrom(await openid.refreshTokenGrant(config, refreshToken, options.parameters), current);
    } catch (error) {
      const mapped = toTokenEndpointError(
        error,
        {
          grant: 'refresh_token',
          url: tokenEndpointOf(config),
          connector: ctx.connector.name,
          timeoutMs: options.configuration.timeoutMs,
          redact,
        },
        openid,
      );
      if (isAuthError(mapped) && mapped.reauthorize) refused = { refreshToken, error: mapped };
      throw mapped;
    }
  };
}
