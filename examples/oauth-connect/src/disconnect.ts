import type { ActDeps } from './act-as-user.js';
import type { Provider } from './config.js';
import { tokenKey } from './connection-store.js';
import { adapterFor } from './provider.js';

/** What {@link disconnect} did: whether the provider was told, and whether anything was stored. */
export interface DisconnectResult {
  revoked: boolean;
  hadConnection: boolean;
}

/**
 * Step 5: revokes the connection at the provider (Salesforce's revoke
 * endpoint; HubSpot: deleting the refresh token), then deletes the user's
 * stored tokens and connection. The local delete happens even when the
 * provider cannot be reached (the user asked to disconnect: the product stops
 * using the tokens either way); the revocation error is rethrown after it, to log.
 */
export async function disconnect(deps: ActDeps, userId: string, provider: Provider): Promise<DisconnectResult> {
  const connection = deps.connections.connection(userId, provider);
  if (!connection) return { revoked: false, hadConnection: false };
  const tokens = await deps.connections.tokens.get(tokenKey(userId, provider));
  let failure: unknown;
  if (tokens) {
    try {
      await adapterFor(connection.account).revoke(connection.account, deps.apps[provider], tokens);
    } catch (error) {
      failure = error;
    }
  }
  deps.connections.disconnect(userId, provider);
  if (failure !== undefined) throw failure;
  return { revoked: tokens !== undefined, hadConnection: true };
}
