import type { ListrTask } from 'listr2';
import type { Activity } from './activity.js';
import type { EventJournal } from './events/event-journal.js';
import type { IdentityServer } from './setup/identity-server.js';
import type { Services } from './setup/services.js';
import { type CrmContact, upsertCrmContact } from './steps/crm-contact.js';
import { endTrial } from './steps/end-trial.js';
import { signUp, type User } from './steps/sign-up.js';
import { trackSignup } from './steps/signup-event.js';
import type { StepOutcome } from './steps/step-outcome.js';
import { ensureStripeCustomer, type StripeCustomer } from './steps/stripe-customer.js';
import { ensureTrialSubscription, type TrialSubscription } from './steps/trial-subscription.js';
import { sendWelcomeEmail } from './steps/welcome-email.js';

/** What one step did, for the summary and the test. */
export interface StepReport {
  name: string;
  title: string;
  created: boolean;
  detail: string;
  durationMs: number;
  /** The clients' retry reasons during the step, in order. */
  retryReasons: string[];
  /** Total time the rate limiter paused on providers' 429s during the step. */
  rateLimitWaitMs: number;
}

/** What one run of the flow needs. */
export interface FlowDeps {
  services: Services;
  identity: IdentityServer;
  oauthClientSecret: string;
  /** What the scripted user types on the login page. */
  login: string;
  activity: Activity;
  journal: EventJournal;
  /** Waits for the webhooks under way to be delivered and handled. */
  settle(): Promise<void>;
}

/** What the steps hand to each other. */
interface FlowState {
  user?: User;
  customer?: StripeCustomer;
  subscription?: TrialSubscription;
  contact?: CrmContact;
  /** Events handled before this run began. */
  eventsBefore?: number;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step failed.`);
  return value;
}

/**
 * The onboarding flow as listr2 tasks, one per step, in order. Each step
 * finds what a previous run made before it makes anything, so the same
 * tasks are the first run and the re-run. `reports` gets one entry per step.
 */
export function flowTasks(run: number, deps: FlowDeps, reports: StepReport[]): ListrTask[] {
  const state: FlowState = {};
  const { services } = deps;
  const step = (name: string, title: string, work: () => Promise<StepOutcome>): ListrTask => ({
    title,
    rendererOptions: { persistentOutput: true, outputBar: Number.POSITIVE_INFINITY },
    task: async (_ctx, task) => {
      const key = `${run}:${name}`;
      deps.activity.step = key;
      deps.activity.tell((line) => {
        task.output = line;
      });
      const started = performance.now();
      const outcome = await work();
      const { retries, waits } = deps.activity.of(key);
      const report: StepReport = {
        name,
        title,
        created: outcome.created,
        detail: outcome.detail,
        durationMs: performance.now() - started,
        retryReasons: retries.map((r) => r.reason),
        rateLimitWaitMs: waits.reduce((sum, w) => sum + w.waitMs, 0),
      };
      reports.push(report);
      task.title = `${title}: ${outcome.detail}`;
    },
  });

  return [
    step('sign-up', 'Sign up (OAuth 2 + PKCE)', async () => {
      state.eventsBefore = deps.journal.events.length;
      state.user = await signUp(deps.identity, deps.oauthClientSecret, deps.login);
      return { created: false, detail: `signed in as ${state.user.email} (sub ${state.user.sub})` };
    }),
    step('stripe-customer', 'Stripe customer', async () => {
      const result = await ensureStripeCustomer(services.stripe, must(state.user, 'The user'));
      state.customer = result.customer;
      return result;
    }),
    step('subscription', 'Stripe trial subscription', async () => {
      const result = await ensureTrialSubscription(services.stripe, must(state.user, 'The user'), must(state.customer, 'The customer'));
      state.subscription = result.subscription;
      return result;
    }),
    step('crm-contact', 'HubSpot contact', async () => {
      const result = await upsertCrmContact(services.crm, must(state.user, 'The user'), must(state.subscription, 'The subscription'));
      state.contact = result.contact;
      return result;
    }),
    step('welcome-email', 'Welcome email (Resend)', () =>
      sendWelcomeEmail(services, must(state.user, 'The user'), must(state.contact, 'The contact')),
    ),
    step('analytics', 'Signup event (custom analytics connector)', () => trackSignup(services, must(state.user, 'The user'))),
    step('webhooks', 'Webhooks', async () => {
      await deps.settle();
      const before = state.eventsBefore ?? 0;
      const counts = deps.journal.byProvider();
      const fresh = deps.journal.events.length - before;
      const totals = Object.entries(counts)
        .map(([provider, n]) => `${provider} ${n}`)
        .join(', ');
      const detail = `${fresh} events handled this run (so far: ${totals}), ${deps.journal.duplicatesDropped} duplicate deliveries dropped`;
      return { created: false, detail };
    }),
    step('trial-end', 'Trial ends (test clock)', async () => {
      const reacted = deps.journal.reactions.length;
      const outcome = await endTrial(
        services,
        must(state.customer, 'The customer'),
        must(state.subscription, 'The subscription'),
        deps.settle,
      );
      const reactions = deps.journal.reactions.slice(reacted);
      return reactions.length > 0 ? { ...outcome, detail: `${outcome.detail}; ${reactions.length} webhook reactions` } : outcome;
    }),
  ];
}
