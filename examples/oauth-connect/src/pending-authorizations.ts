import type { Provider, ProviderAccount } from './config.js';

/** An authorization under way: kept on the server, in the user's session, from the redirect until the callback. */
export interface PendingAuthorization {
  userId: string;
  provider: Provider;
  account: ProviderAccount;
  /** The random `state` sent in the authorization URL: the callback must bring back this one. */
  state: string;
  /** The PKCE verifier: never leaves the server until the code exchange. */
  codeVerifier: string;
  redirectUri: string;
  expiresAt: number;
}

/** How long a user has to come back from the provider's consent screen. */
export const PENDING_LIFETIME_MS = 10 * 60_000;

/**
 * The session side of the flow: one pending authorization per browser session
 * and provider, taken (and so ended) by the first callback. In memory here; in
 * a product, your session store (a signed cookie session, Redis, a table).
 */
export interface PendingAuthorizations {
  /** Remembers an authorization started in `sessionId`, replacing one already under way for that provider. */
  begin(sessionId: string, pending: PendingAuthorization): void;
  /** The session's pending authorization for `provider`, removed so it is used at most once; undefined when none or expired. */
  take(sessionId: string, provider: Provider, now?: number): PendingAuthorization | undefined;
}

/** {@link PendingAuthorizations} in this process's memory. */
export function memoryPendingAuthorizations(): PendingAuthorizations {
  const pending = new Map<string, PendingAuthorization>();
  const key = (sessionId: string, provider: Provider) => `${sessionId}:${provider}`;
  return {
    begin(sessionId, value) {
      pending.set(key(sessionId, value.provider), value);
    },
    take(sessionId, provider, now = Date.now()) {
      const found = pending.get(key(sessionId, provider));
      pending.delete(key(sessionId, provider));
      return found && found.expiresAt > now ? found : undefined;
    },
  };
}
