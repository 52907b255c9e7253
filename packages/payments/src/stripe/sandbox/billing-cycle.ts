import { DAY, periodEndAfter, runtimeAt } from './billing-time.js';
import { defaultPaymentMethod } from './customer-defaults.js';
import { collectInvoice, finalizeInvoice, openInvoice } from './invoice-collect.js';
import type { SandboxRuntime } from './runtime.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import { automatic, changeSubscription, endSubscription } from './subscription-lifecycle.js';
import { periodLines, recurringOf } from './subscription-lines.js';
import { takePending } from './subscription-proration.js';
import { upcomingInvoice } from './upcoming-invoice.js';

/** Something due at a moment of a test clock's time; running it makes it no longer due. */
interface Moment {
  at: number;
  /** Among moments at the same second, lower runs first: notices, then invoices, then periods. */
  rank: number;
  run(runtime: SandboxRuntime): void;
}

// Notices (`trial_will_end`, `invoice.upcoming`) already sent, so a notice goes once per trial or period.
const sent = new WeakMap<StripeObject, Set<string>>();

// Stripe leaves a renewal invoice in draft for about an hour before finalizing and charging it.
const DRAFT_SECONDS = 3600;
// An incomplete subscription whose first invoice is not paid expires after 23 hours.
const INCOMPLETE_SECONDS = 23 * 3600;

/**
 * Moves a test clock to `to`, doing in time order what falls due on its
 * customers' subscriptions and invoices, each at its own moment: trial and
 * renewal notices, trials ending, renewals (a draft invoice, finalized and
 * charged an hour later), retries of failed payments, cancellation at the
 * period's end, and incomplete subscriptions expiring.
 */
export function advanceClock(request: StripeRequest, runtime: SandboxRuntime, clock: StripeObject, to: number): void {
  const origin = automatic(request);
  const from = Number(clock.frozen_time);
  // Each moment, once run, is no longer due; the bound only stops a bug from spinning forever.
  for (let step = 0; step < 100_000; step++) {
    const next = dueMoments(origin, runtime, clock.id, from)
      .filter((moment) => moment.at <= to)
      .sort((a, b) => a.at - b.at || a.rank - b.rank)[0];
    if (!next) break;
    clock.frozen_time = Math.max(Number(clock.frozen_time), next.at);
    next.run(runtimeAt(runtime, Number(clock.frozen_time)));
  }
  clock.frozen_time = to;
}

function dueMoments(request: StripeRequest, runtime: SandboxRuntime, clockId: string, from: number): Moment[] {
  const moments: Moment[] = [];
  const notice = (subscription: StripeObject, key: string, at: number, run: (rt: SandboxRuntime) => void) => {
    const done = sent.get(subscription) ?? new Set<string>();
    if (at <= from || done.has(key)) return;
    moments.push({
      at,
      rank: 0,
      run: (rt) => {
        sent.set(subscription, done.add(key));
        run(rt);
      },
    });
  };
  for (const subscription of request.store.subscriptions.values()) {
    if (subscription.test_clock !== clockId) continue;
    const status = String(subscription.status);
    const created = Number(subscription.created);
    const end = Number(subscription.current_period_end);
    if (status === 'incomplete') {
      moments.push({ at: created + INCOMPLETE_SECONDS, rank: 2, run: (rt) => expire(request, rt, subscription) });
    }
    if (!['trialing', 'active', 'past_due', 'unpaid'].includes(status)) continue;
    const trialEnd = subscription.trial_end as number | null;
    if (status === 'trialing' && trialEnd !== null) {
      notice(subscription, `trial_will_end:${trialEnd}`, trialEnd - 3 * DAY, (rt) =>
        rt.events.record(request, 'customer.subscription.trial_will_end', subscription),
      );
    }
    const cancelAt = subscription.cancel_at as number | null;
    if (cancelAt !== null && cancelAt <= end) {
      moments.push({ at: cancelAt, rank: 2, run: (rt) => endSubscription(request, rt, subscription, 'cancellation_requested') });
      continue;
    }
    notice(subscription, `upcoming:${end}`, end - runtime.billing.upcomingDays * DAY, (rt) => {
      const preview = upcomingInvoice(request, rt, subscription);
      if (Number(preview.amount_due) > 0) rt.events.record(request, 'invoice.upcoming', preview);
    });
    moments.push({ at: end, rank: 2, run: (rt) => renew(request, rt, subscription) });
  }
  for (const invoice of request.store.invoices.values()) {
    if (invoice.test_clock !== clockId || invoice.auto_advance !== true) continue;
    if (invoice.status === 'draft' && invoice.subscription) {
      moments.push({
        at: Number(invoice.created) + DRAFT_SECONDS,
        rank: 1,
        run: (rt) => {
          finalizeInvoice(request, rt, invoice);
          collectInvoice(request, rt, invoice, { kind: 'scheduled' });
        },
      });
    } else if (invoice.status === 'open' && typeof invoice.next_payment_attempt === 'number') {
      moments.push({ at: invoice.next_payment_attempt, rank: 1, run: (rt) => collectInvoice(request, rt, invoice, { kind: 'scheduled' }) });
    }
  }
  return moments;
}

/**
 * The period (or the trial) ends: a draft invoice for the next period (with
 * any pending prorations), and the subscription moved on to it. A trial
 * ending with no payment method follows `trial_settings`.
 */
function renew(request: StripeRequest, runtime: SandboxRuntime, subscription: StripeObject): void {
  const trialEnded = subscription.status === 'trialing';
  if (trialEnded && !hasPaymentMethod(request, subscription)) {
    const behavior = (subscription.trial_settings as { end_behavior: { missing_payment_method: string } }).end_behavior
      .missing_payment_method;
    if (behavior === 'pause') {
      changeSubscription(request, runtime, subscription, { status: 'paused' });
      return;
    }
    if (behavior === 'cancel') {
      endSubscription(request, runtime, subscription, 'cancellation_requested');
      return;
    }
  }
  const start = Number(subscription.current_period_end);
  const end = periodEndAfter(Number(subscription.billing_cycle_anchor), recurringOf(subscription), start);
  const customer = request.store.customers.get(String(subscription.customer)) as StripeObject;
  const invoice = openInvoice(request, runtime, {
    customer,
    currency: String(subscription.currency),
    subscription: subscription.id,
    billing_reason: 'subscription_cycle',
    period_start: Number(subscription.current_period_start),
    period_end: start,
    lines: [...takePending(subscription), ...periodLines(request, runtime, subscription, { start, end }, false)],
    test_clock: (subscription.test_clock as string | null) ?? null,
  });
  changeSubscription(request, runtime, subscription, {
    current_period_start: start,
    current_period_end: end,
    latest_invoice: invoice.id,
    ...(trialEnded ? { status: 'active' } : {}),
  });
}

function hasPaymentMethod(request: StripeRequest, subscription: StripeObject): boolean {
  const customer = request.store.customers.get(String(subscription.customer));
  return Boolean(subscription.default_payment_method ?? (customer && defaultPaymentMethod(customer)));
}

// The first invoice was never paid: the subscription expires and its invoice is voided.
function expire(request: StripeRequest, runtime: SandboxRuntime, subscription: StripeObject): void {
  const invoice = request.store.invoices.get(String(subscription.latest_invoice));
  if (invoice?.status === 'open') {
    Object.assign(invoice, {
      status: 'void',
      next_payment_attempt: null,
      status_transitions: { ...(invoice.status_transitions as object), voided_at: runtime.now() },
    });
    runtime.events.record(request, 'invoice.voided', invoice);
  }
  changeSubscription(request, runtime, subscription, { status: 'incomplete_expired', ended_at: runtime.now() });
}
