import { actAsUser } from './act-as-user.js';
import { startCallbackServer } from './callback-server.js';
import { type AppCredentials, callbackPath, PROVIDER_NAMES, PROVIDERS, type Provider } from './config.js';
import { memoryConnectionStore } from './connection-store.js';
import { HUBSPOT_ACCOUNT } from './provider-hubspot.js';
import { SALESFORCE_ACCOUNT } from './provider-salesforce.js';

const ENV: Record<Provider, { id: string; secret: string }> = {
  hubspot: { id: 'HUBSPOT_CLIENT_ID', secret: 'HUBSPOT_CLIENT_SECRET' },
  salesforce: { id: 'SALESFORCE_CLIENT_ID', secret: 'SALESFORCE_CLIENT_SECRET' },
};

/**
 * `--live`: the same server against the real providers, for the apps whose
 * credentials are set. It prints the URL to open in a browser, and on the
 * callback stores the tokens and lists a page of contacts. Without
 * credentials, it says what to set.
 */
export async function live(log: (line: string) => void = console.log): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const apps: Partial<Record<Provider, AppCredentials>> = {};
  for (const provider of PROVIDERS) {
    const clientId = process.env[ENV[provider].id];
    const clientSecret = process.env[ENV[provider].secret];
    if (clientId && clientSecret) apps[provider] = { clientId, clientSecret };
  }
  const ready = PROVIDERS.filter((p) => apps[p]);
  if (ready.length === 0) {
    log('--live needs an OAuth app at HubSpot or Salesforce. Set, for each provider you want:');
    for (const provider of PROVIDERS) log(`  ${ENV[provider].id} and ${ENV[provider].secret} (${PROVIDER_NAMES[provider]})`);
    log(`and register http://127.0.0.1:${port}/oauth/<hubspot|salesforce>/callback as the app's redirect URI (PORT changes the port).`);
    return;
  }
  const full = {
    hubspot: apps.hubspot ?? { clientId: '', clientSecret: '' },
    salesforce: apps.salesforce ?? { clientId: '', clientSecret: '' },
  };
  const connections = memoryConnectionStore();
  const server = await startCallbackServer({
    apps: full,
    connections,
    port,
    accountFor: (_user, provider) => (provider === 'hubspot' ? HUBSPOT_ACCOUNT : SALESFORCE_ACCOUNT),
    onEvent(event) {
      if (event.type === 'refused') return log(`Refused a ${PROVIDER_NAMES[event.provider]} callback: ${event.reason}.`);
      const { userId, provider } = event.connection;
      log(`Connected ${PROVIDER_NAMES[provider]}; the tokens are in memory only, for this process.`);
      actAsUser({ apps: full, connections }, userId, provider, (crm) => crm.contacts.list({ limit: 5 })).then(
        (page) => log(`${PROVIDER_NAMES[provider]}: the first page lists ${page.items.length} contact(s). Ctrl-C to stop.`),
        (error: unknown) => log(`${PROVIDER_NAMES[provider]}: the call failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    },
  });
  for (const provider of ready) {
    log(`${PROVIDER_NAMES[provider]}: register ${server.url}${callbackPath(provider)} as a redirect URI, then open`);
    log(`  ${server.url}/signin?user=you&next=/connect/${provider}`);
    log('  (it signs you in to this demo and redirects to the real authorization URL)');
  }
  for (const provider of PROVIDERS.filter((p) => !apps[p]))
    log(`${PROVIDER_NAMES[provider]}: not set up (${ENV[provider].id}, ${ENV[provider].secret}).`);
  log('Listening for the callback…');
}
