/** The providers a user can connect. */
export type Provider = 'hubspot' | 'salesforce';

/** Every provider, in the order the demo connects them. */
export const PROVIDERS: readonly Provider[] = ['hubspot', 'salesforce'];

/** How the provider is named to a user. */
export const PROVIDER_NAMES: Record<Provider, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/**
 * The scopes each provider needs for what the product does (read and write contacts).
 * HubSpot: one scope per object and access; Salesforce: `api`, and `refresh_token`
 * or there is nothing to renew with.
 */
export const SCOPES: Record<Provider, readonly string[]> = {
  hubspot: ['crm.objects.contacts.read', 'crm.objects.contacts.write'],
  salesforce: ['api', 'refresh_token'],
};

/** The product's OAuth app at a provider: its client id and secret (a Salesforce "connected app"'s consumer key and secret). */
export interface AppCredentials {
  clientId: string;
  clientSecret: string;
}

/** Where a HubSpot account is reached: with real HubSpot, the same URLs for every account. */
export interface HubspotAccount {
  provider: 'hubspot';
  /** How the demo names the account in its output. */
  label: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** The API's base URL. */
  apiUrl: string;
  /** Where a refresh token is deleted (`DELETE {refreshTokensUrl}/{token}`). */
  refreshTokensUrl: string;
  /** `http://` endpoints: the loopback sandboxes only. */
  allowInsecureRequests?: boolean;
}

/** Where a Salesforce org logs in: login.salesforce.com, test.salesforce.com, or the org's My Domain. The API is the token's `instance_url`. */
export interface SalesforceAccount {
  provider: 'salesforce';
  label: string;
  loginUrl: string;
  allowInsecureRequests?: boolean;
}

/** Where one user's account at a provider is reached. */
export type ProviderAccount = HubspotAccount | SalesforceAccount;

/** The path a provider sends the user back to. Register `<your origin><this>` as the app's redirect URI. */
export function callbackPath(provider: Provider): string {
  return `/oauth/${provider}/callback`;
}
