import { removeUndefined } from '@junction/core/utils';
import type { InvoiceStatus, Invoice as UnifiedInvoice } from '../unified/invoice.js';
import { ListInvoicesFilter, PayInvoiceInput } from '../unified/invoice.js';
import type { InvoicesApi, SubscriptionsApi } from '../unified/payments-provider.js';
import {
  CancelSubscriptionInput,
  ChangePlanInput,
  CreateSubscriptionInput,
  ListSubscriptionsFilter,
  type Proration,
  type SubscriptionStatus,
  type Subscription as UnifiedSubscription,
} from '../unified/subscription.js';
import type { StripeClient } from './stripe-connector.js';
import type { Invoice, Subscription } from './stripe-objects.generated.js';
import type { CreateSubscriptionParams, UpdateSubscriptionParams } from './stripe-params.generated.js';
import { callOptions, fromUnix, idOf, toUnix, upper } from './stripe-payments-convert.js';
import { validateInput } from './stripe-payments-params.js';

const SUBSCRIPTION_STATUS: Record<string, SubscriptionStatus> = {
  incomplete: 'incomplete',
  trialing: 'trialing',
  active: 'active',
  past_due: 'past_due',
  // Retries ran out and Stripe kept the subscription without paying it: still owed, still not paid.
  unpaid: 'past_due',
  paused: 'paused',
  canceled: 'canceled',
  incomplete_expired: 'canceled',
};

const fromUnixOrNull = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : fromUnix(seconds));

/**
 * A Stripe subscription as a unified one. A status Stripe adds later reads
 * as `incomplete` ("not known to be billing, look again"), with Stripe's
 * word in `providerStatus`.
 */
export function toSubscription(subscription: Subscription): UnifiedSubscription<Subscription> {
  return {
    id: subscription.id,
    customerId: idOf(subscription.customer) ?? '',
    status: SUBSCRIPTION_STATUS[subscription.status] ?? 'incomplete',
    providerStatus: subscription.status,
    items: subscription.items.data.map((item) => ({
      id: item.id,
      priceId: item.price.id,
      productId: idOf(item.price.product),
      quantity: item.quantity ?? 1,
    })),
    currency: subscription.currency ? upper(subscription.currency) : null,
    currentPeriodStart: fromUnix(subscription.current_period_start),
    currentPeriodEnd: fromUnix(subscription.current_period_end),
    trialEnd: fromUnixOrNull(subscription.trial_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: fromUnixOrNull(subscription.canceled_at),
    endedAt: fromUnixOrNull(subscription.ended_at),
    latestInvoiceId: idOf(subscription.latest_invoice),
    metadata: subscription.metadata ?? {},
    createdAt: fromUnix(subscription.created),
    raw: subscription,
  };
}

const INVOICE_STATUS: Record<string, InvoiceStatus> = {
  draft: 'draft',
  open: 'open',
  paid: 'paid',
  void: 'void',
  uncollectible: 'uncollectible',
};

/** A Stripe invoice as a unified one; a status Stripe adds later (or none) reads as `draft`. */
export function toInvoice(invoice: Invoice): UnifiedInvoice<Invoice> {
  return {
    id: invoice.id,
    customerId: idOf(invoice.customer),
    subscriptionId: idOf(invoice.subscription),
    status: (invoice.status && INVOICE_STATUS[invoice.status]) || 'draft',
    providerStatus: invoice.status ?? null,
    currency: upper(invoice.currency),
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    amountRemaining: invoice.amount_remaining,
    number: invoice.number ?? null,
    hostedUrl: invoice.hosted_invoice_url ?? null,
    pdfUrl: invoice.invoice_pdf ?? null,
    periodStart: fromUnix(invoice.period_start),
    periodEnd: fromUnix(invoice.period_end),
    attemptCount: invoice.attempt_count,
    nextAttemptAt: fromUnixOrNull(invoice.next_payment_attempt),
    paidAt: fromUnixOrNull(invoice.status_transitions.paid_at),
    metadata: invoice.metadata ?? {},
    createdAt: fromUnix(invoice.created),
    raw: invoice,
  };
}

const PRORATION: Record<Proration, UpdateSubscriptionParams['proration_behavior']> = {
  prorate: 'create_prorations',
  invoice_now: 'always_invoice',
  none: 'none',
};

/** The unified subscriptions API over a Stripe client. */
export function stripeSubscriptions(client: StripeClient): SubscriptionsApi<Subscription> {
  return {
    async create(input, options) {
      const valid = validateInput(CreateSubscriptionInput, input, 'subscriptions.create');
      const params: CreateSubscriptionParams = removeUndefined({
        customer: valid.customerId,
        items: valid.items.map((item) => removeUndefined({ price: item.priceId, quantity: item.quantity })),
        trial_period_days: valid.trialDays,
        trial_end: valid.trialEnd ? toUnix(valid.trialEnd) : undefined,
        default_payment_method: valid.paymentMethod,
        metadata: valid.metadata,
      });
      return toSubscription(await client.createSubscription(params, callOptions(options)));
    },
    async get(id, options) {
      return toSubscription(await client.retrieveSubscription({ id }, callOptions(options)));
    },
    async changePlan(id, input, options) {
      const valid = validateInput(ChangePlanInput, input, 'subscriptions.changePlan');
      const current = await client.retrieveSubscription({ id }, callOptions(options));
      // Stripe changes items in place: the new plans take over the current items in order; the rest are removed.
      const existing = current.items.data;
      const items: NonNullable<UpdateSubscriptionParams['items']> = valid.items.map((item, i) =>
        removeUndefined({ id: existing[i]?.id, price: item.priceId, quantity: item.quantity }),
      );
      for (const left of existing.slice(valid.items.length)) items.push({ id: left.id, deleted: true });
      const params = { id, items, proration_behavior: PRORATION[valid.proration ?? 'prorate'] };
      return toSubscription(await client.updateSubscription(params, callOptions(options)));
    },
    async cancel(id, input, options) {
      const valid = validateInput(CancelSubscriptionInput, input, 'subscriptions.cancel');
      if (valid.atPeriodEnd) {
        return toSubscription(await client.updateSubscription({ id, cancel_at_period_end: true }, callOptions(options)));
      }
      return toSubscription(await client.cancelSubscription({ id }, callOptions(options)));
    },
    async *list(filter, options) {
      const valid = validateInput(ListSubscriptionsFilter, filter, 'subscriptions.list');
      // Stripe lists every state but canceled by default, as the unified filter does; `unpaid` reads as past_due too.
      const params = removeUndefined({ customer: valid.customerId, status: valid.status, limit: valid.pageSize });
      for await (const subscription of client.listSubscriptions.items(params, callOptions(options))) yield toSubscription(subscription);
    },
  };
}

/** The unified invoices API over a Stripe client. */
export function stripeInvoices(client: StripeClient): InvoicesApi<Invoice> {
  return {
    async get(id, options) {
      return toInvoice(await client.retrieveInvoice({ id }, callOptions(options)));
    },
    async *list(filter, options) {
      const valid = validateInput(ListInvoicesFilter, filter, 'invoices.list');
      const params = removeUndefined({
        customer: valid.customerId,
        subscription: valid.subscriptionId,
        status: valid.status,
        limit: valid.pageSize,
      });
      for await (const invoice of client.listInvoices.items(params, callOptions(options))) yield toInvoice(invoice);
    },
    async pay(id, input, options) {
      const valid = validateInput(PayInvoiceInput, input, 'invoices.pay');
      return toInvoice(await client.payInvoice(removeUndefined({ id, payment_method: valid.paymentMethod }), callOptions(options)));
    },
    async void(id, options) {
      return toInvoice(await client.voidInvoice({ id }, callOptions(options)));
    },
  };
}
