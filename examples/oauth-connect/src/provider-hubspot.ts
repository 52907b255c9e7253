import { AuthError } from '@junction/core';
import {
  createHubspotClient,
  HUBSPOT_BASE_URL,
  HUBSPOT_OAUTH_ENDPOINTS,
  HUBSPOT_REFRESH_TOKENS_URL,
  hubspotCrm,
  hubspotOAuth,
} from '@junction/crm/hubspot';
import type { HubspotAccount } from './config.js';
import type { ProviderAdapter } from './provider.js';

/** HubSpot's real endpoints: one set for every account (the user picks the account on HubSpot's consent screen). */
export const HUBSPOT_ACCOUNT: HubspotAccount = {
  provider: 'hubspot',
  label: 'HubSpot',
  ...HUBSPOT_OAUTH_ENDPOINTS,
  apiUrl: HUBSPOT_BASE_URL,
  refreshTokensUrl: HUBSPOT_REFRESH_TOKENS_URL,
};

const endpoints = (account: HubspotAccount) => ({
  authorizationUrl: account.authorizationUrl,
  tokenUrl: account.tokenUrl,
  ...(account.allowInsecureRequests ? { allowInsecureRequests: true } : {}),
});

/**
 * HubSpot: `hubspotOAuth` (PKCE, the secret in the body), a client that renews
 * on `expires_in` (HubSpot asks clients not to renew on a 401), and disconnect
 * by deleting the refresh token. HubSpot keeps the refresh token on renewal.
 */
export const hubspotProvider: ProviderAdapter<HubspotAccount> = {
  oauth: (account) => hubspotOAuth(endpoints(account)),
  crm: (account, app, store, tokenKey) =>
    hubspotCrm(
      createHubspotClient({
        baseUrl: account.apiUrl,
        oauth: { ...app, store, tokenKey, endpoints: endpoints(account) },
      }),
    ),
  async revoke(account, _app, tokens) {
    if (!tokens.refreshToken) return;
    const answer = await fetch(`${account.refreshTokensUrl}/${encodeURIComponent(tokens.refreshToken)}`, { method: 'DELETE' });
    if (answer.status !== 204 && answer.status !== 200) {
      throw new AuthError(`HubSpot refused to delete the refresh token (HTTP ${answer.status}).`, {
        code: 'revoke_failed',
        reauthorize: false,
      });
    }
  },
};
