import { addIntervals, runtimeOfCustomer } from './billing-time.js';
import { checkDefaultPaymentMethod } from './customer-defaults.js';
import { collectInvoice, finalizeInvoice, openInvoice } from './invoice-collect.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, noSuch } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';
import { createSubscription } from './subscription-create.js';
import { changedItems } from './subscription-items.js';
import { changeSubscription, endSubscription } from './subscription-lifecycle.js';
import { itemsOf, periodLines, recurringOf } from './subscription-lines.js';
import { itemList } from './subscription-object.js';
import { addPending, prorationLines, takePending } from './subscription-proration.js';

const ENDED = ['canceled', 'incomplete_expired'];

/** The subscription `id` of a request, which must exist. */
function subscriptionOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.subscriptions.get(id);
  if (!found) throw noSuch('subscription', id, param);
  return found;
}

/** Subscriptions: create (with a trial), retrieve, update (items, proration, cancel at period end), cancel now, resume, list. */
export const subscriptionHandlers: StripeHandlers = {
  createSubscription,

  retrieveSubscription: (params, request) => subscriptionOf(request, params.id),

  listSubscriptions: (params, request) => {
    const status = params.status ?? 'default';
    const items = filterCreated(newestFirst(request.store.subscriptions.values()), params.created).filter(
      (sub) =>
        (params.customer === undefined || sub.customer === params.customer) &&
        (params.test_clock === undefined || sub.test_clock === params.test_clock) &&
        (params.price === undefined || itemsOf(sub).some((item) => (item.price as StripeObject).id === params.price)) &&
        (status === 'all' ||
          (status === 'default' && !ENDED.includes(String(sub.status))) ||
          (status === 'ended' && ENDED.includes(String(sub.status))) ||
          sub.status === status),
    );
    return listPage(items, params, '/v1/subscriptions');
  },

  updateSubscription: (params, request, base) => {
    const subscription = subscriptionOf(request, params.id);
    const runtime = runtimeOfCustomer(request, base, subscription);
    const now = runtime.now();
    const { id: _id, expand: _expand, metadata, cancellation_details: _details, ...rest } = params;
    if (ENDED.includes(String(subscription.status)) && Object.values(rest).some((value) => value !== undefined)) {
      throw invalidParam('id', 'A canceled subscription can only update its cancellation_details and metadata.');
    }
    const before = structuredClone(itemsOf(subscription));
    const change: Record<string, unknown> = {};
    if (params.items) change.items = itemList(subscription.id, changedItems(request, runtime, subscription, params.items));
    if (params.cancel_at_period_end !== undefined) {
      const ending = params.cancel_at_period_end;
      Object.assign(change, {
        cancel_at_period_end: ending,
        cancel_at: ending ? subscription.current_period_end : null,
        canceled_at: ending ? now : null,
        cancellation_details: { comment: null, feedback: null, reason: ending ? 'cancellation_requested' : null },
      });
    }
    if (params.default_payment_method !== undefined) {
      change.default_payment_method = checkDefaultPaymentMethod(
        request,
        String(subscription.customer),
        params.default_payment_method,
        'default_payment_method',
      );
    }
    if (metadata !== undefined) change.metadata = mergeMetadata(subscription.metadata as Record<string, string>, metadata);
    changeSubscription(request, runtime, subscription, change);
    // During a trial nothing is charged, so nothing is prorated.
    const behavior = params.proration_behavior ?? 'create_prorations';
    if (!params.items || behavior === 'none' || subscription.status === 'trialing') return subscription;
    const lines = prorationLines(request, runtime, subscription, before);
    if (behavior === 'create_prorations') {
      addPending(subscription, lines);
      return subscription;
    }
    invoiceNow(request, runtime, subscription, [...takePending(subscription), ...lines], 'subscription_update');
    return subscription;
  },

  cancelSubscription: (params, request, runtime) => {
    const subscription = subscriptionOf(request, params.id);
    // Stripe answers an already canceled subscription as one it does not have.
    if (ENDED.includes(String(subscription.status))) throw noSuch('subscription', params.id);
    endSubscription(request, runtimeOfCustomer(request, runtime, subscription), subscription, 'cancellation_requested');
    return subscription;
  },

  resumeSubscription: (params, request, base) => {
    const subscription = subscriptionOf(request, params.id);
    if (subscription.status !== 'paused') {
      throw invalidParam(
        'id',
        `This subscription cannot be resumed because its status is ${String(subscription.status)}: only a paused subscription can.`,
      );
    }
    const runtime = runtimeOfCustomer(request, base, subscription);
    const now = runtime.now();
    // Resuming starts a new period now (`billing_cycle_anchor=now`), billed at once.
    const end = addIntervals(now, recurringOf(subscription), 1);
    changeSubscription(request, runtime, subscription, {
      status: 'active',
      current_period_start: now,
      current_period_end: end,
      billing_cycle_anchor: now,
    });
    invoiceNow(
      request,
      runtime,
      subscription,
      periodLines(request, runtime, subscription, { start: now, end }, false),
      'subscription_cycle',
    );
    return subscription;
  },
};

// An invoice made, finalized and charged at once (a change invoiced now, a resumed period).
function invoiceNow(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  lines: StripeObject[],
  reason: string,
): void {
  const now = runtime.now();
  const customer = request.store.customers.get(String(subscription.customer)) as StripeObject;
  const invoice = openInvoice(request, runtime, {
    customer,
    currency: String(subscription.currency),
    subscription: subscription.id,
    billing_reason: reason,
    period_start: now,
    period_end: now,
    lines,
    test_clock: (subscription.test_clock as string | null) ?? null,
  });
  changeSubscription(request, runtime, subscription, { latest_invoice: invoice.id });
  finalizeInvoice(request, runtime, invoice);
  collectInvoice(request, runtime, invoice, { kind: 'scheduled' });
}
