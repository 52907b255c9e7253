import { isAuthError } from '@junction/core';
import { type AppCredentials, callbackPath, type Provider, type ProviderAccount, SCOPES } from './config.js';
import type { Connection, ConnectionStore } from './connection-store.js';
import { CallbackRefusedError } from './errors.js';
import { PENDING_LIFETIME_MS, type PendingAuthorizations } from './pending-authorizations.js';
import { adapterFor } from './provider.js';

/** What the connect flow works with: the product's apps, its stores, and its public origin. */
export interface ConnectDeps {
  apps: Record<Provider, AppCredentials>;
  connections: ConnectionStore;
  pending: PendingAuthorizations;
  /** The product's origin, e.g. `https://app.example.com` (here the callback server's loopback URL). */
  origin: string;
}

/**
 * Step 1: the authorization URL to send the user's browser to, with a fresh
 * `state` and PKCE challenge (S256) and the scopes the product needs. The
 * state and verifier stay on the server, in the user's session.
 */
export async function startConnect(
  deps: ConnectDeps,
  session: { sessionId: string; userId: string },
  account: ProviderAccount,
): Promise<string> {
  const provider = account.provider;
  const redirectUri = `${deps.origin}${callbackPath(provider)}`;
  const app = deps.apps[provider];
  const request = await adapterFor(account)
    .oauth(account, app)
    .createAuthorizationRequest({ clientId: app.clientId, redirectUri, scope: [...SCOPES[provider]] });
  deps.pending.begin(session.sessionId, {
    userId: session.userId,
    provider,
    account,
    state: request.state,
    codeVerifier: request.codeVerifier,
    redirectUri,
    expiresAt: Date.now() + PENDING_LIFETIME_MS,
  });
  return request.url;
}

/**
 * Step 2, the callback: takes the session's pending authorization (once),
 * has core check the returned `state` against it and exchange the code with
 * the verifier, then saves the connection and its token set under the user
 * and provider. Anything wrong (no authorization under way, a state that does
 * not match, the user declined, a refused code) is a {@link CallbackRefusedError}
 * and nothing is saved.
 */
export async function finishConnect(deps: ConnectDeps, sessionId: string, provider: Provider, callbackUrl: string): Promise<Connection> {
  const pending = deps.pending.take(sessionId, provider);
  if (!pending) throw new CallbackRefusedError('no_pending_authorization');
  const app = deps.apps[provider];
  try {
    const tokens = await adapterFor(pending.account)
      .oauth(pending.account, app)
      .exchangeAuthorizationCode({
        ...app,
        callbackUrl,
        redirectUri: pending.redirectUri,
        state: pending.state,
        codeVerifier: pending.codeVerifier,
      });
    const connection: Connection = { userId: pending.userId, provider, account: pending.account, connectedAt: new Date().toISOString() };
    await deps.connections.connect(connection, tokens);
    return connection;
  } catch (error) {
    if (isAuthError(error)) throw new CallbackRefusedError(error.code ?? 'auth_error', { cause: error });
    throw error;
  }
}
