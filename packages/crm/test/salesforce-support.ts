import type { TokenSet } from '@junction/core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  createSalesforceClient,
  type SalesforceAuth,
  type SalesforceClient,
  type SalesforceClientOptions,
  salesforceAuthorizationCode,
} from '../src/salesforce/index.js';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../src/salesforce/sandbox/index.js';

/** The redirect URI the tests' connected app uses. */
export const REDIRECT_URI = 'https://app.example.test/oauth/callback';

/** Starts a sandbox for the file's tests (reset before each) and stops it after. */
export function useSalesforceSandbox(options: Parameters<typeof startSalesforceSandbox>[0] = {}): {
  readonly sandbox: RunningSalesforceSandbox;
} {
  const holder: { sandbox?: RunningSalesforceSandbox } = {};
  beforeAll(async () => {
    holder.sandbox = await startSalesforceSandbox(options);
  });
  beforeEach(() => holder.sandbox?.reset());
  afterAll(async () => {
    await holder.sandbox?.close();
  });
  return {
    get sandbox() {
      if (!holder.sandbox) throw new Error('The sandbox is not started yet.');
      return holder.sandbox;
    },
  };
}

/** The web server flow with PKCE, end to end: the authorization URL, the redirect back, the code exchange. */
export async function authorize(sandbox: RunningSalesforceSandbox, fetchFn: typeof fetch = fetch): Promise<TokenSet> {
  const scheme = salesforceAuthorizationCode({
    loginUrl: sandbox.loginUrl,
    clientSecret: sandbox.app.clientSecret,
    allowInsecureRequests: true,
    fetch: fetchFn,
  });
  const request = await scheme.createAuthorizationRequest({
    clientId: sandbox.app.clientId,
    redirectUri: REDIRECT_URI,
    scope: 'api refresh_token',
  });
  const redirect = await fetch(request.url, { redirect: 'manual' });
  const callbackUrl = redirect.headers.get('location');
  if (!callbackUrl) throw new Error(`The authorize endpoint answered ${redirect.status} without a redirect.`);
  return scheme.exchangeAuthorizationCode({
    clientId: sandbox.app.clientId,
    clientSecret: sandbox.app.clientSecret,
    callbackUrl,
    state: request.state,
    codeVerifier: request.codeVerifier,
  });
}

/** A client of the sandbox with fast retries (waits are not what the tests measure). */
export function sandboxClient(
  sandbox: RunningSalesforceSandbox,
  auth: SalesforceAuth,
  options: Partial<SalesforceClientOptions> = {},
): SalesforceClient {
  return createSalesforceClient({
    loginUrl: sandbox.loginUrl,
    allowInsecureRequests: true,
    auth,
    retry: { minDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
}

/** A client from a fresh web server flow. */
export async function authorizedClient(
  sandbox: RunningSalesforceSandbox,
  options: Partial<SalesforceClientOptions> = {},
): Promise<{ client: SalesforceClient; tokens: TokenSet }> {
  const tokens = await authorize(sandbox);
  const client = sandboxClient(
    sandbox,
    { type: 'authorizationCode', clientId: sandbox.app.clientId, clientSecret: sandbox.app.clientSecret, tokens },
    options,
  );
  return { client, tokens };
}
