import type { AuthStrategy } from '../auth-strategy.js';
import type { TokenManager } from './token-manager.js';

/** What an OAuth strategy is made of besides its tokens. */
export interface OAuth2StrategyParts {
  kind: string;
  manager: TokenManager;
  /** The client secret, when there is one: redacted like the tokens. */
  clientSecret?: string;
  /** Renew once when the API answers 401 to a token believed valid. */
  refreshOnUnauthorized: boolean;
}

/**
 * The {@link AuthStrategy} every OAuth grant shares: a bearer header with a
 * fresh access token on every attempt, and one renewal when the API answers
 * 401 to a token that should still be valid (it was revoked, or the clocks
 * disagree).
 */
export function oauth2Strategy(parts: OAuth2StrategyParts): AuthStrategy {
  const { manager } = parts;
  return {
    kind: parts.kind,
    browserSafe: false,
    secrets: () => [...(parts.clientSecret ? [parts.clientSecret] : []), ...manager.secrets()],
    async authorize(ctx) {
      const tokens = await manager.tokens(ctx);
      ctx.headers.set('authorization', `Bearer ${tokens.accessToken}`);
    },
    async onUnauthorized(ctx) {
      if (!parts.refreshOnUnauthorized) return false;
      const sent = /^bearer\s+(.+)$/i.exec(ctx.headers.get('authorization') ?? '')?.[1];
      if (!sent) return false;
      const tokens = await manager.replace(ctx, sent);
      return tokens.accessToken !== sent;
    },
  };
}
