import type { StripeConnector } from '../stripe-connector.js';
import { addIntervals, DAY, runtimeFor } from './billing-time.js';
import { declineError } from './card-decline.js';
import { unixSeconds } from './clock.js';
import { checkDefaultPaymentMethod, defaultPaymentMethod } from './customer-defaults.js';
import { customerOf } from './customer-handlers.js';
import { collectInvoice, finalizeInvoice, invoiceIntent, openInvoice } from './invoice-collect.js';
import { mergeMetadata } from './metadata.js';
import { paymentMethodOf } from './payment-attempt.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, missingParam } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandler, StripeRequest } from './stripe-handler.js';
import { changeSubscription } from './subscription-lifecycle.js';
import { checkOneCycle, periodLines, recurringPrice } from './subscription-lines.js';
import { buildSubscription, buildSubscriptionItem } from './subscription-object.js';

type CreateSubscription = StripeHandler<StripeConnector['operations']['createSubscription']>;

/**
 * Starts a subscription: its items' recurring prices (one currency, one
 * interval), an optional trial, and the first invoice at once ($0 during a
 * trial). `customer.subscription.created` comes first, then the invoice's
 * events, then the move to `active` when the first payment succeeds. With
 * `payment_behavior` `allow_incomplete` (the default) a declined first
 * payment leaves the subscription `incomplete`; `error_if_incomplete`
 * answers the decline and creates nothing; `default_incomplete` leaves the
 * first invoice open for the customer to pay.
 */
export const createSubscription: CreateSubscription = (params, request, base) => {
  const customer = customerOf(request, params.customer, 'customer');
  const runtime = runtimeFor(request, base, customer);
  const now = runtime.now();
  if (!params.items || params.items.length === 0) throw missingParam('items');
  const prices = params.items.map((item, i) => {
    if (!item.price) throw missingParam(`items[${i}][price]`);
    return recurringPrice(request, runtime, item.price, `items[${i}][price]`);
  });
  const recurring = checkOneCycle(prices.map((price, i) => ({ price, param: `items[${i}][price]` })));
  const trialEnd = trialEndOf(params.trial_end, params.trial_period_days, now);
  const paymentMethod = params.default_payment_method
    ? checkDefaultPaymentMethod(request, customer.id, params.default_payment_method, 'default_payment_method')
    : null;
  const behavior = params.payment_behavior ?? 'allow_incomplete';
  if (behavior === 'error_if_incomplete' && trialEnd === null) refuseDecline(request, paymentMethod ?? defaultPaymentMethod(customer));

  const id = runtime.ids.next('sub');
  const end = trialEnd ?? addIntervals(now, recurring, 1);
  const subscription = buildSubscription({
    id,
    created: now,
    livemode: request.livemode,
    customer: customer.id,
    currency: String(prices[0]?.currency),
    items: prices.map((price, i) =>
      buildSubscriptionItem({
        id: runtime.ids.next('si'),
        created: now,
        subscription: id,
        price,
        quantity: params.items?.[i]?.quantity ?? 1,
      }),
    ),
    status: trialEnd === null ? 'incomplete' : 'trialing',
    current_period_start: now,
    current_period_end: end,
    billing_cycle_anchor: end === trialEnd ? trialEnd : now,
    trial_start: trialEnd === null ? null : now,
    trial_end: trialEnd,
    cancel_at_period_end: false,
    default_payment_method: paymentMethod,
    metadata: mergeMetadata({}, params.metadata),
    test_clock: (customer.test_clock as string | null) ?? null,
    trial_settings: {
      end_behavior: { missing_payment_method: params.trial_settings?.end_behavior.missing_payment_method ?? 'create_invoice' },
    },
  });
  if (params.cancel_at_period_end === true) Object.assign(subscription, { cancel_at_period_end: true, cancel_at: end, canceled_at: now });
  request.store.subscriptions.set(id, subscription);
  runtime.events.record(request, 'customer.subscription.created', subscription);
  startBilling(request, runtime, subscription, customer, behavior);
  return subscription;
};

// The first invoice, for the first period (or the trial, at $0), finalized and collected at once.
function startBilling(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  customer: StripeObject,
  behavior: string,
) {
  const now = runtime.now();
  const trial = subscription.status === 'trialing';
  const invoice = openInvoice(request, runtime, {
    customer,
    currency: String(subscription.currency),
    subscription: subscription.id,
    billing_reason: 'subscription_create',
    period_start: now,
    period_end: now,
    lines: periodLines(request, runtime, subscription, { start: now, end: Number(subscription.current_period_end) }, trial),
    test_clock: (subscription.test_clock as string | null) ?? null,
  });
  subscription.latest_invoice = invoice.id;
  finalizeInvoice(request, runtime, invoice);
  if (behavior === 'default_incomplete' && Number(invoice.amount_due) > 0) {
    invoiceIntent(request, runtime, invoice);
    return;
  }
  collectInvoice(request, runtime, invoice, { kind: 'requested' });
  // A first payment that needs the customer, or failed, leaves the subscription incomplete until the invoice is paid.
  if (!trial && invoice.status === 'paid' && subscription.status === 'incomplete') {
    changeSubscription(request, runtime, subscription, { status: 'active' });
  }
}

function trialEndOf(trialEnd: 'now' | number | Date | undefined, days: number | undefined, now: number): number | null {
  if (trialEnd !== undefined && days !== undefined) {
    throw invalidParam('trial_end', 'You may only specify one of these parameters: trial_end, trial_period_days.');
  }
  if (days !== undefined) return now + days * DAY;
  if (trialEnd === undefined || trialEnd === 'now') return null;
  const at = unixSeconds(trialEnd);
  if (at <= now)
    throw invalidParam('trial_end', 'Invalid timestamp: must be an integer Unix timestamp in the future.', 'parameter_invalid_integer');
  if (at > now + 730 * DAY)
    throw invalidParam('trial_end', 'Invalid timestamp: can be no more than two years in the future.', 'parameter_invalid_integer');
  return at;
}

// `error_if_incomplete` creates nothing when the first payment would fail: the test card says so in advance.
function refuseDecline(request: StripeRequest, paymentMethod: string | null): void {
  if (!paymentMethod) return;
  const outcome = paymentMethodOf(request, paymentMethod).outcome;
  if (outcome.kind === 'decline') throw declineError(outcome);
}
