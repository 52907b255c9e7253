import { AuthError } from '@junction/core';
import { SALESFORCE_LOGIN_URL, salesforceAuthorizationCode, salesforceCrm } from '@junction/crm/salesforce';
import type { SalesforceAccount } from './config.js';
import type { ProviderAdapter } from './provider.js';

/** Salesforce's production login host; sandbox orgs use https://test.salesforce.com, My Domain orgs their own host. */
export const SALESFORCE_ACCOUNT: SalesforceAccount = { provider: 'salesforce', label: 'Salesforce', loginUrl: SALESFORCE_LOGIN_URL };

const insecure = (account: SalesforceAccount) => (account.allowInsecureRequests ? { allowInsecureRequests: true } : {});

/**
 * Salesforce: the web server flow with PKCE; the token set keeps
 * `instance_url` (in `extra`), and every call goes to that instance; a 401
 * `INVALID_SESSION_ID` renews once (Salesforce keeps the refresh token);
 * disconnect revokes the refresh token at `/services/oauth2/revoke`, which
 * also ends its sessions.
 */
export const salesforceProvider: ProviderAdapter<SalesforceAccount> = {
  // With the consumer secret, each token response's `signature` is checked before the tokens are saved.
  oauth: (account, app) =>
    salesforceAuthorizationCode({ loginUrl: account.loginUrl, clientSecret: app.clientSecret, ...insecure(account) }),
  crm: (account, app, store, tokenKey) =>
    salesforceCrm({
      loginUrl: account.loginUrl,
      ...insecure(account),
      auth: { type: 'authorizationCode', ...app, store, tokenKey },
    }),
  async revoke(account, _app, tokens) {
    const answer = await fetch(`${account.loginUrl}/services/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refreshToken ?? tokens.accessToken }),
    });
    // 400 invalid_token: already revoked (by the user, in Salesforce's settings), which is what we want.
    if (!answer.ok && answer.status !== 400) {
      throw new AuthError(`Salesforce refused the revocation (HTTP ${answer.status}).`, { code: 'revoke_failed', reauthorize: false });
    }
  },
};
