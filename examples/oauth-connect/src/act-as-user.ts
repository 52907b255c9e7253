import { isAuthError } from '@junction/core';
import type { CrmProvider } from '@junction/crm';
import type { AppCredentials, Provider } from './config.js';
import { type ConnectionStore, tokenKey } from './connection-store.js';
import { NotConnectedError } from './errors.js';
import { adapterFor } from './provider.js';

/** What a call on a user's behalf needs: the product's apps and its connections. */
export interface ActDeps {
  apps: Record<Provider, AppCredentials>;
  connections: ConnectionStore;
}

/**
 * Step 3: runs `work` with the unified CRM client of `userId`'s connection to
 * `provider`. The client reads that user's tokens, and only theirs, from the
 * store under `provider:userId`, renews them when due (saving the new set
 * there first), and calls that user's account (for Salesforce, the
 * `instance_url` the tokens name). No connection, or a provider that refuses
 * the connection's tokens, is a {@link NotConnectedError}.
 */
export async function actAsUser<T>(deps: ActDeps, userId: string, provider: Provider, work: (crm: CrmProvider) => Promise<T>): Promise<T> {
  const connection = deps.connections.connection(userId, provider);
  if (!connection) throw new NotConnectedError(userId, provider, 'not_connected');
  const crm = adapterFor(connection.account).crm(
    connection.account,
    deps.apps[provider],
    deps.connections.tokens,
    tokenKey(userId, provider),
  );
  try {
    return await work(crm);
  } catch (error) {
    if (isAuthError(error) && error.reauthorize)
      throw new NotConnectedError(userId, provider, error.code ?? 'reauthorize', { cause: error });
    throw error;
  }
}
