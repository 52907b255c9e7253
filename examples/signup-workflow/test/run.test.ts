import { expect, it } from 'vitest';
import { run } from '../src/run.js';
import { ALL_DEMO_SECRETS } from '../src/setup/demo-secrets.js';

it('runs the sign-up workflow twice offline: everything made once, webhooks handled once, trial end handled', {
  timeout: 60_000,
}, async () => {
  let output = '';
  const result = await run({ view: 'plain', write: (text) => (output += text) });
  const [first = [], second = []] = result.runs;
  const step = (name: string) => first.find((s) => s.name === name);

  // Run 1 made one of everything, in the sandboxes themselves.
  expect(first.map((s) => s.name)).toEqual([
    'sign-up',
    'stripe-customer',
    'subscription',
    'crm-contact',
    'welcome-email',
    'analytics',
    'webhooks',
    'trial-end',
  ]);
  for (const name of ['stripe-customer', 'subscription', 'crm-contact', 'welcome-email', 'analytics', 'trial-end']) {
    expect(step(name)?.created, name).toBe(true);
  }
  expect(result.counts?.afterFirst).toEqual({
    stripeCustomers: 1,
    stripeSubscriptions: 1,
    // The trial's $0 invoice, and the first real one at its end.
    stripeInvoices: 2,
    hubspotContacts: 1,
    // The welcome email and the receipt.
    emails: 2,
    analyticsEvents: 1,
  });
  expect(output).toContain('signed in as ada@example.com (sub usr_7f3k2ada)');

  // The trial's end, seen through the webhooks: the CRM says active, and a receipt went out.
  expect(result.sandbox?.contact).toMatchObject({ email: 'ada@example.com', app_plan: 'pro', app_subscription_status: 'active' });
  expect(result.sandbox?.emailSubjects).toEqual(['Welcome to Junction, Ada Lovelace', 'Your Junction receipt: $20.00']);
  expect(result.reactions).toEqual([
    expect.stringContaining('customer.subscription.updated: trialing -> active, CRM contact updated'),
    expect.stringMatching(/invoice\.paid: in_\w+ paid, receipt emailed/),
  ]);

  // Webhooks from all three providers, each event handled exactly once, duplicates dropped, none refused.
  expect(result.webhooks.handled).toEqual({ stripe: expect.any(Number), hubspot: expect.any(Number), resend: expect.any(Number) });
  expect(Object.values(result.webhooks.handled).every((n) => n > 0)).toBe(true);
  expect(result.webhooks.maxRuns).toBe(1);
  expect(result.webhooks.duplicatesDropped).toBeGreaterThan(0);
  expect(result.webhooks.refused).toBe(0);

  // The injected faults were retried, with their reasons, and the 429s paused the limiter.
  expect(step('stripe-customer')?.retryReasons).toEqual(['server_error: 503', 'network: ECONNRESET']);
  expect(step('subscription')?.retryReasons).toEqual(['rate_limited: retry-after 1s']);
  expect(step('crm-contact')?.retryReasons).toEqual([expect.stringMatching(/^rate_limited/)]);
  expect(step('welcome-email')?.retryReasons).toEqual(['server_error: 502']);
  expect(step('analytics')?.retryReasons).toEqual(['network: ECONNRESET']);
  expect(result.rateLimitWaits.map((w) => w.connector)).toEqual(['stripe', 'hubspot']);
  expect(output).toMatch(/retry #1 of stripe\.createCustomer: server_error: 503/);
  expect(output).toMatch(/rate limit: stripe paused \d+ ms/);

  // Run 2, same user: nothing new anywhere, and it says so.
  expect(second.every((s) => !s.created)).toBe(true);
  expect(result.counts?.afterSecond).toEqual(result.counts?.afterFirst);
  expect(result.secondRunCreatedNothing).toBe(true);
  expect(output).toContain('Run 2: already done: nothing created');
  expect(output).toMatch(/Stripe customer: already done: customer cus_\w+ found/);

  // The summary, and no secret anywhere in the output.
  expect(output).toMatch(/step\s+run 1\s+run 2\s+time \(run 1\)\s+retries \(reasons\)\s+rate-limit waits/);
  for (const secret of ALL_DEMO_SECRETS) expect(output).not.toContain(secret);
});
