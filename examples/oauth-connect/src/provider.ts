import type { AuthorizationCodeScheme, TokenSet, TokenStore } from '@junction/core';
import type { CrmProvider } from '@junction/crm';
import type { AppCredentials, Provider, ProviderAccount } from './config.js';
import { hubspotProvider } from './provider-hubspot.js';
import { salesforceProvider } from './provider-salesforce.js';

/** What the flow needs from a provider: its OAuth scheme, a CRM client for one connection, and how to revoke. */
export interface ProviderAdapter<A extends ProviderAccount = ProviderAccount> {
  /** The authorization code + PKCE scheme for the account's endpoints (the app's secret checks what the provider signs). */
  oauth(account: A, app: AppCredentials): AuthorizationCodeScheme;
  /** The unified CRM client of one connection: it reads and renews the tokens under `tokenKey` in `store`. */
  crm(account: A, app: AppCredentials, store: TokenStore, tokenKey: string): CrmProvider;
  /** Ends the connection at the provider, so its refresh token is refused from now on. */
  revoke(account: A, app: AppCredentials, tokens: TokenSet): Promise<void>;
}

const ADAPTERS: { [P in Provider]: ProviderAdapter<Extract<ProviderAccount, { provider: P }>> } = {
  hubspot: hubspotProvider,
  salesforce: salesforceProvider,
};

/** The adapter for an account's provider. */
export function adapterFor(account: ProviderAccount): ProviderAdapter {
  return ADAPTERS[account.provider] as ProviderAdapter;
}
