import { createClient } from '@junction/core';
import { createHubspotClient, hubspotCrm } from '@junction/crm/hubspot';
import { createHubspotSandbox } from '@junction/crm/hubspot/sandbox';
import { createResendClient } from '@junction/email/resend';
import { createResendSandbox } from '@junction/email/resend/sandbox';
import { createStripeClient } from '@junction/payments/stripe';
import { createStripeSandbox } from '@junction/payments/stripe/sandbox';
import { startLoopbackServer } from '@junction/testing';
import { analytics } from '../analytics/analytics-connector.js';
import { startAnalyticsSandbox } from '../analytics/analytics-sandbox.js';
import { CRM_FIELDS } from './crm-fields.js';
import { DEMO_SECRETS } from './demo-secrets.js';
import { DEMO_FAULTS } from './faults.js';
import type { Services } from './services.js';

/** How many objects each sandbox holds: what the second run must leave unchanged. */
export interface SandboxCounts {
  stripeCustomers: number;
  stripeSubscriptions: number;
  stripeInvoices: number;
  hubspotContacts: number;
  emails: number;
  analyticsEvents: number;
}

/** The four local providers, the clients pointed at them, and what the test looks at. */
export interface Sandboxes {
  services: Services;
  counts(): SandboxCounts;
  /** The emails Resend accepted, by subject. */
  emailSubjects(): string[];
  /** The stored contact's properties (HubSpot names), if any. */
  contactProperties(email: string): Record<string, unknown> | undefined;
  /** Waits for every webhook delivery under way, in every sandbox. */
  flushWebhooks(): Promise<void>;
  /** Injects the demo's faults (first run). */
  injectFaults(): void;
  close(): Promise<void>;
}

// Small backoffs keep the demo short. The cap must stay above the providers' Retry-After
// (1 s here): past it the core gives up rather than come back early.
const RETRY = { minDelayMs: 20, maxDelayMs: 2000 };

/**
 * Starts Stripe, HubSpot, Resend and the analytics API as sandboxes on
 * 127.0.0.1, each behind a real HTTP server that can inject faults, each
 * delivering its signed webhooks to `webhookUrl`, and makes the clients.
 */
export async function startSandboxes(webhookUrl: string): Promise<Sandboxes> {
  const stripeSandbox = createStripeSandbox({
    apiKey: DEMO_SECRETS.stripeApiKey,
    webhook: { url: `${webhookUrl}/webhooks/stripe`, secret: DEMO_SECRETS.stripeWebhookSecret, retryDelayMs: 20 },
  });
  // HubSpot and Resend may deliver an event more than once: duplicates on, so the receiver's dedupe shows.
  const hubspotSandbox = createHubspotSandbox({
    accessTokens: [DEMO_SECRETS.hubspotAccessToken],
    limits: false,
    webhooks: { url: `${webhookUrl}/webhooks/hubspot`, clientSecret: DEMO_SECRETS.hubspotClientSecret, duplicates: true },
  });
  const resendSandbox = createResendSandbox({
    apiKey: DEMO_SECRETS.resendApiKey,
    rateLimit: false,
    webhook: { url: `${webhookUrl}/webhooks/resend`, secret: DEMO_SECRETS.resendWebhookSecret, duplicates: true },
  });
  const [stripeServer, hubspotServer, resendServer, analyticsSandbox] = await Promise.all([
    startLoopbackServer({ handlers: stripeSandbox.handlers, origin: stripeSandbox.origin }),
    startLoopbackServer({ handlers: hubspotSandbox.handlers, origin: hubspotSandbox.origin }),
    startLoopbackServer({ handlers: resendSandbox.handlers, origin: resendSandbox.origin }),
    startAnalyticsSandbox(DEMO_SECRETS.analyticsToken),
  ]);

  const hubspot = createHubspotClient({ accessToken: DEMO_SECRETS.hubspotAccessToken, baseUrl: hubspotServer.url, retry: RETRY });
  const services: Services = {
    stripe: createStripeClient({ apiKey: DEMO_SECRETS.stripeApiKey, baseUrl: stripeServer.url, retry: RETRY }),
    crm: hubspotCrm(hubspot, { customFields: CRM_FIELDS }),
    resend: createResendClient({ apiKey: DEMO_SECRETS.resendApiKey, baseUrl: resendServer.url, retry: RETRY }),
    analytics: createClient(analytics, {
      baseUrl: analyticsSandbox.url,
      credentials: { token: DEMO_SECRETS.analyticsToken },
      retry: RETRY,
    }),
    emailFrom: 'Junction Demo <hello@demo.junction.test>',
  };

  const flushWebhooks = async () => {
    // A Stripe handler calls HubSpot and Resend, whose own webhooks follow: flush until all are quiet.
    for (let round = 0; round < 3; round++) {
      await stripeSandbox.webhooks.flush();
      await hubspotSandbox.flushWebhooks();
      await resendSandbox.webhooks.flush();
    }
  };

  return {
    services,
    counts: () => ({
      stripeCustomers: stripeSandbox.state.customers.size,
      stripeSubscriptions: stripeSandbox.state.subscriptions.size,
      stripeInvoices: stripeSandbox.state.invoices.size,
      hubspotContacts: hubspotSandbox.objects('contacts').length,
      emails: resendSandbox.outbox.length,
      analyticsEvents: analyticsSandbox.events.size,
    }),
    emailSubjects: () => resendSandbox.outbox.map((entry) => entry.email.subject),
    contactProperties: (email) => hubspotSandbox.objects('contacts').find((c) => c.properties.email === email)?.properties,
    flushWebhooks,
    injectFaults() {
      stripeServer.faults.set(DEMO_FAULTS.stripe);
      hubspotServer.faults.set(DEMO_FAULTS.hubspot);
      resendServer.faults.set(DEMO_FAULTS.resend);
      analyticsSandbox.server.faults.set(DEMO_FAULTS.analytics);
    },
    async close() {
      await flushWebhooks();
      await Promise.all([stripeServer.close(), hubspotServer.close(), resendServer.close(), analyticsSandbox.close()]);
    },
  };
}
