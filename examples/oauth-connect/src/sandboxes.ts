import { createHubspotSandbox, type HubspotSandbox } from '@junction/crm/hubspot/sandbox';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '@junction/crm/salesforce/sandbox';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { type AppCredentials, callbackPath, type HubspotAccount, type SalesforceAccount } from './config.js';

/** The demo's OAuth apps, registered with the sandboxes. Sandbox values: never a real app's. */
export const DEMO_APPS = {
  hubspot: { clientId: 'demo-hubspot-app', clientSecret: 'demo-hubspot-secret-7f3a91c2' },
  salesforce: { clientId: '3MVG9demo.oauth.connect.consumer.key', clientSecret: 'demo-salesforce-secret-2b8e64d0' },
} as const satisfies Record<string, AppCredentials>;

/** One HubSpot account: its sandbox, served on its own loopback port, and where the product reaches it. */
export interface HubspotSandboxAccount {
  sandbox: HubspotSandbox;
  server: LoopbackServer;
  account: HubspotAccount;
}

/** One Salesforce org: its login host and instance on loopback ports, and where the product reaches it. */
export interface SalesforceSandboxAccount {
  org: RunningSalesforceSandbox;
  account: SalesforceAccount;
}

/** Options for {@link startHubspotAccount}. */
export interface HubspotAccountOptions {
  label: string;
  /** The product's origin: the sandbox accepts only its registered redirect URI. */
  productOrigin: string;
  /** Who approves on the consent screen. */
  owner: string;
  /** Access token lifetime (`expires_in`), seconds. HubSpot's is 1,800. */
  tokenLifetimeS: number;
}

/**
 * A HubSpot account: the HubSpot sandbox (records, the OAuth authorize and
 * token endpoints, refresh-token deletion) with the demo app registered. A
 * sandbox is one account, so each account gets its own port; HubSpot itself
 * serves every account from the same URLs.
 */
export async function startHubspotAccount(options: HubspotAccountOptions): Promise<HubspotSandboxAccount> {
  const sandbox = createHubspotSandbox({
    limits: false,
    oauth: {
      clients: [{ ...DEMO_APPS.hubspot, redirectUris: [`${options.productOrigin}${callbackPath('hubspot')}`] }],
      expiresIn: options.tokenLifetimeS,
    },
  });
  sandbox.oauth?.setConsent({ approve: options.owner });
  const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  return {
    sandbox,
    server,
    account: {
      provider: 'hubspot',
      label: options.label,
      authorizationUrl: `${server.url}/oauth/authorize`,
      tokenUrl: `${server.url}/oauth/v1/token`,
      apiUrl: server.url,
      refreshTokensUrl: `${server.url}/oauth/v1/refresh-tokens`,
      allowInsecureRequests: true,
    },
  };
}

/**
 * A Salesforce org: the Salesforce sandbox's login host (web server flow,
 * refresh, revoke) and one instance host, with the demo's connected app. Its
 * login host stands for the org's My Domain; its tokens name its own instance.
 */
export async function startSalesforceAccount(options: {
  label: string;
  organizationId: string;
  username: string;
}): Promise<SalesforceSandboxAccount> {
  const org = await startSalesforceSandbox({
    instances: 1,
    app: DEMO_APPS.salesforce,
    organizationId: options.organizationId,
    usernames: [options.username],
  });
  return { org, account: { provider: 'salesforce', label: options.label, loginUrl: org.loginUrl, allowInsecureRequests: true } };
}
