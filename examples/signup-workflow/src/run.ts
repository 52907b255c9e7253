import { Activity, type RateLimitWait, type RetryRecord } from './activity.js';
import { countingDuplicates } from './events/counting-target.js';
import { EventJournal } from './events/event-journal.js';
import { createHubspotReceiver } from './events/hubspot-receiver.js';
import { createResendReceiver } from './events/resend-receiver.js';
import { createStripeReceiver } from './events/stripe-receiver.js';
import { type FlowDeps, flowTasks, type StepReport } from './flow.js';
import { DEMO_SECRETS } from './setup/demo-secrets.js';
import { DEMO_ACCOUNT, startIdentityServer } from './setup/identity-server.js';
import { type LiveCredentials, liveServices } from './setup/live-environment.js';
import type { Services } from './setup/services.js';
import { type SandboxCounts, type Sandboxes, startSandboxes } from './setup/start-sandboxes.js';
import { startWebhookEndpoint } from './setup/webhook-endpoint.js';
import { summary } from './summary.js';
import { createView, type View } from './view.js';

/** Options for {@link run}. */
export interface RunOptions {
  /** `live` (spinners, for a TTY) or `plain` (lines, for CI). Default `plain`. */
  view?: View['mode'];
  /** Captures the output instead of writing it to stdout. */
  write?: (text: string) => void;
  /** Real providers' test modes instead of the sandboxes. */
  live?: LiveCredentials;
}

/** What the demo did, for its test. */
export interface RunResult {
  /** Each run's steps, in order: `runs[1]` is the re-run with the same user. */
  runs: StepReport[][];
  /** True when no step of the re-run created anything (and, offline, no sandbox holds one more object). */
  secondRunCreatedNothing: boolean;
  /** Objects in the sandboxes after each run (offline only). */
  counts?: { afterFirst: SandboxCounts; afterSecond: SandboxCounts };
  webhooks: {
    /** Events handled, per provider. */
    handled: Record<string, number>;
    /** The most times the handlers ran for one event: 1 when dedupe held. */
    maxRuns: number;
    /** Deliveries of events already handled, answered 2xx without running a handler. */
    duplicatesDropped: number;
    /** Deliveries the endpoint refused (bad signature, failed handler). */
    refused: number;
  };
  /** What the webhook handlers did when the trial ended. */
  reactions: string[];
  /** Offline only: the CRM contact's properties at the end, and the emails sent. */
  sandbox?: { contact: Record<string, unknown> | undefined; emailSubjects: string[] };
  retries: RetryRecord[];
  rateLimitWaits: RateLimitWait[];
}

// The webhooks of the live providers arrive in their own time: give them a while.
const LIVE_SETTLE_MS = 15_000;

/**
 * The demo, as a function so its test can run it: the sign-up flow twice
 * for the same user, against the local sandboxes (or, with `live`, the
 * providers' test modes), with its webhooks received on one local server.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  const view = createView(options.view ?? 'plain', options.write);
  const journal = new EventJournal();
  const activity = new Activity();
  const endpoint = await startWebhookEndpoint();
  const identity = await startIdentityServer({ clientSecret: DEMO_SECRETS.oauthClientSecret, accounts: [DEMO_ACCOUNT] });
  let sandboxes: Sandboxes | undefined;
  try {
    let services: Services;
    let secrets: { stripe: string; hubspot: string; resend: string };
    let settle: () => Promise<void>;
    if (options.live) {
      services = liveServices(options.live);
      secrets = {
        stripe: options.live.STRIPE_WEBHOOK_SECRET,
        hubspot: options.live.HUBSPOT_CLIENT_SECRET,
        resend: options.live.RESEND_WEBHOOK_SECRET,
      };
      settle = () => new Promise((resolve) => setTimeout(resolve, LIVE_SETTLE_MS));
      view.print(`Live: webhooks expected on ${endpoint.url}/webhooks/{stripe,hubspot,resend} (forward them there)`);
    } else {
      sandboxes = await startSandboxes(endpoint.url);
      services = sandboxes.services;
      secrets = {
        stripe: DEMO_SECRETS.stripeWebhookSecret,
        hubspot: DEMO_SECRETS.hubspotClientSecret,
        resend: DEMO_SECRETS.resendWebhookSecret,
      };
      settle = sandboxes.flushWebhooks;
      view.print('Junction sign-up workflow: local identity service, Stripe, HubSpot, Resend and analytics sandboxes on 127.0.0.1');
    }
    for (const client of [services.stripe, services.crm.client, services.resend, services.analytics]) activity.watch(client);
    endpoint.mount('/webhooks/stripe', countingDuplicates(createStripeReceiver(secrets.stripe, services, journal), journal));
    endpoint.mount('/webhooks/hubspot', countingDuplicates(createHubspotReceiver(secrets.hubspot, journal), journal));
    endpoint.mount('/webhooks/resend', countingDuplicates(createResendReceiver(secrets.resend, journal), journal));

    const deps: FlowDeps = {
      services,
      identity,
      oauthClientSecret: DEMO_SECRETS.oauthClientSecret,
      login: DEMO_ACCOUNT.sub,
      activity,
      journal,
      settle,
    };
    // A few 429s, 5xx and resets on the first run, so the retries show.
    sandboxes?.injectFaults();
    const runs: StepReport[][] = [[], []];
    await view.tasks(
      [
        {
          title: 'Run 1: sign up a new user',
          task: (_ctx, task) => task.newListr(flowTasks(1, deps, runs[0] ?? []), { exitOnError: true }),
        },
      ],
      {},
    );
    const afterFirst = sandboxes?.counts();
    await view.tasks(
      [
        {
          title: 'Run 2: the same user again',
          task: (_ctx, task) => task.newListr(flowTasks(2, deps, runs[1] ?? []), { exitOnError: true }),
        },
      ],
      {},
    );
    const afterSecond = sandboxes?.counts();

    const unchanged = !afterFirst || !afterSecond || JSON.stringify(afterFirst) === JSON.stringify(afterSecond);
    const result: RunResult = {
      runs,
      secondRunCreatedNothing: unchanged && (runs[1] ?? []).every((step) => !step.created),
      ...(afterFirst && afterSecond ? { counts: { afterFirst, afterSecond } } : {}),
      webhooks: {
        handled: journal.byProvider(),
        maxRuns: journal.maxRuns,
        duplicatesDropped: journal.duplicatesDropped,
        refused: endpoint.refused.length,
      },
      reactions: [...journal.reactions],
      ...(sandboxes
        ? { sandbox: { contact: sandboxes.contactProperties(DEMO_ACCOUNT.email), emailSubjects: sandboxes.emailSubjects() } }
        : {}),
      retries: activity.retries,
      rateLimitWaits: activity.waits,
    };
    view.print(summary(result));
    return result;
  } finally {
    await sandboxes?.close();
    await identity.close();
    await endpoint.close();
  }
}
