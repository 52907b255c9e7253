import { rebaseUrl } from '../../connector/base-url.js';
import type { AuthStrategy } from '../auth-strategy.js';
import type { TokenManager } from './token-manager.js';
import type { TokenSchemeOptions } from './token-options.js';

/** What an OAuth strategy is made of besides its tokens. */
export interface OAuth2StrategyParts {
  kind: string;
  manager: TokenManager;
  /** The client secret, when there is one: redacted like the tokens. */
  clientSecret?: string;
  /** Renew once when the API answers 401 to a token believed valid. */
  refreshOnUnauthorized: boolean;
  /** The provider's token rules: a base URL named by the tokens, which 401s mean "expired". */
  scheme?: TokenSchemeOptions;
}

/**
 * The {@link AuthStrategy} every OAuth grant shares: a bearer header with a
 * fresh access token on every attempt, and one renewal when the API answers
 * 401 to a token that should still be valid (it was revoked, or the clocks
 * disagree). With `baseUrlFrom`, each attempt is sent to the base its token names.
 */
export function oauth2Strategy(parts: OAuth2StrategyParts): AuthStrategy {
  const { manager, scheme } = parts;
  return {
    kind: parts.kind,
    browserSafe: false,
    secrets: () => [...(parts.clientSecret ? [parts.clientSecret] : []), ...manager.secrets()],
    async authorize(ctx) {
      const tokens = await manager.tokens(ctx);
      if (scheme?.baseUrlFrom) {
        // A new URL object, never a change in place: the auth layer keeps the original for the retry after a 401.
        const moved = rebaseUrl(ctx.url, ctx.connector.baseUrl, scheme.baseUrlFrom(tokens));
        if (moved) ctx.url = moved;
      }
      ctx.headers.set('authorization', `Bearer ${tokens.accessToken}`);
    },
    async onUnauthorized(ctx, error) {
      if (!parts.refreshOnUnauthorized) return false;
      if (scheme?.isExpired && !scheme.isExpired(error)) return false;
      const sent = /^bearer\s+(.+)$/i.exec(ctx.headers.get('authorization') ?? '')?.[1];
      if (!sent) return false;
      const tokens = await manager.replace(ctx, sent);
      return tokens.accessToken !== sent;
    },
  };
}
