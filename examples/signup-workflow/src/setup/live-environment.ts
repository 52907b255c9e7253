import { createClient } from '@junction/core';
import { createHubspotClient, hubspotCrm } from '@junction/crm/hubspot';
import { createResendClient } from '@junction/email/resend';
import { createStripeClient } from '@junction/payments/stripe';
import { analytics } from '../analytics/analytics-connector.js';
import { CRM_FIELDS } from './crm-fields.js';
import type { Services } from './services.js';

/** The variables `--live` reads, and what each is. */
export const LIVE_VARIABLES = {
  STRIPE_SECRET_KEY: 'a Stripe test-mode secret key (sk_test_...); live keys are refused',
  STRIPE_WEBHOOK_SECRET: 'the signing secret of the endpoint forwarding to /webhooks/stripe (whsec_..., e.g. from `stripe listen`)',
  HUBSPOT_ACCESS_TOKEN: 'a HubSpot private app token (pat-...) with crm.objects.contacts.write, on a test account',
  HUBSPOT_CLIENT_SECRET: "the HubSpot app's client secret, which signs its webhooks",
  RESEND_API_KEY: 'a Resend API key (re_...)',
  RESEND_WEBHOOK_SECRET: 'the signing secret of the Resend webhook (whsec_...)',
  RESEND_FROM: 'a sender on a domain verified at Resend, e.g. "App <hello@yourdomain.com>"',
  ANALYTICS_URL: 'the base URL of your analytics API',
  ANALYTICS_WRITE_KEY: "the analytics API's write key",
} as const;

/** The live credentials, by variable. */
export type LiveCredentials = Record<keyof typeof LIVE_VARIABLES, string>;

/** The variables that are missing (or wrong) in `env`, with what to set each to. Empty when `--live` can run. */
export function missingLiveVariables(env: NodeJS.ProcessEnv): string[] {
  const missing = Object.entries(LIVE_VARIABLES)
    .filter(([name]) => !env[name])
    .map(([name, what]) => `${name}: ${what}`);
  // The flow moves a test clock and creates customers: never against a live account.
  const key = env.STRIPE_SECRET_KEY;
  if (key && !key.startsWith('sk_test_') && !key.startsWith('rk_test_')) {
    missing.push(`STRIPE_SECRET_KEY: ${LIVE_VARIABLES.STRIPE_SECRET_KEY} (the one set is not a test-mode key)`);
  }
  return missing;
}

/** Reads the credentials, once {@link missingLiveVariables} found none missing. */
export function liveCredentials(env: NodeJS.ProcessEnv): LiveCredentials {
  const read = (name: keyof typeof LIVE_VARIABLES) => env[name] ?? '';
  return Object.fromEntries(
    Object.keys(LIVE_VARIABLES).map((name) => [name, read(name as keyof typeof LIVE_VARIABLES)]),
  ) as LiveCredentials;
}

/**
 * The same clients as the sandboxes', on the providers' real base URLs,
 * with their default retry and rate-limit policies: the flow does not
 * change, only where it points.
 */
export function liveServices(credentials: LiveCredentials): Services {
  return {
    stripe: createStripeClient({ apiKey: credentials.STRIPE_SECRET_KEY }),
    crm: hubspotCrm(createHubspotClient({ accessToken: credentials.HUBSPOT_ACCESS_TOKEN }), { customFields: CRM_FIELDS }),
    resend: createResendClient({ apiKey: credentials.RESEND_API_KEY }),
    analytics: createClient(analytics, { baseUrl: credentials.ANALYTICS_URL, credentials: { token: credentials.ANALYTICS_WRITE_KEY } }),
    emailFrom: credentials.RESEND_FROM,
  };
}
