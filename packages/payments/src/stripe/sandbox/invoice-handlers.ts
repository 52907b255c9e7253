import { runtimeFor, runtimeOfCustomer } from './billing-time.js';
import { customerOf } from './customer-handlers.js';
import { collectInvoice, finalizeInvoice, markInvoicePaid } from './invoice-collect.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import { missingParam, noSuch, SandboxError, unexpectedState } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';
import { changedItems } from './subscription-items.js';
import { changeSubscription } from './subscription-lifecycle.js';
import { itemsOf } from './subscription-lines.js';
import { itemList } from './subscription-object.js';
import { peekPending, prorationLines } from './subscription-proration.js';
import { upcomingInvoice } from './upcoming-invoice.js';

/** The invoice `id` of a request, which must exist. */
function invoiceOf(request: StripeRequest, id: string, param = 'invoice'): StripeObject {
  const found = request.store.invoices.get(id);
  if (!found) throw noSuch('invoice', id, param);
  return found;
}

function requireStatus(invoice: StripeObject, allowed: string, action: string): void {
  if (invoice.status === allowed) return;
  throw unexpectedState(
    'invoice_unexpected_state',
    `You can only ${action} an invoice with a status of ${allowed}; this one is ${String(invoice.status)}.`,
  );
}

/** Invoices: retrieve, list, finalize, pay (with another payment method, or out of band), void, and the upcoming one. */
export const invoiceHandlers: StripeHandlers = {
  retrieveInvoice: (params, request) => invoiceOf(request, params.id, 'id'),

  listInvoices: (params, request) => {
    const items = filterCreated(newestFirst(request.store.invoices.values()), params.created).filter(
      (invoice) =>
        (params.customer === undefined || invoice.customer === params.customer) &&
        (params.subscription === undefined || invoice.subscription === params.subscription) &&
        (params.status === undefined || invoice.status === params.status),
    );
    return listPage(items, params, '/v1/invoices');
  },

  finalizeInvoice: (params, request, base) => {
    const invoice = invoiceOf(request, params.id, 'id');
    requireStatus(invoice, 'draft', 'finalize');
    const runtime = runtimeOfCustomer(request, base, invoice);
    finalizeInvoice(request, runtime, invoice, params.auto_advance ?? invoice.auto_advance !== false);
    // Stripe charges an automatically collected invoice about an hour after it is finalized.
    if (invoice.auto_advance === true && Number(invoice.amount_due) > 0) invoice.next_payment_attempt = runtime.now() + 3600;
    return invoice;
  },

  payInvoice: (params, request, base) => {
    const invoice = invoiceOf(request, params.id, 'id');
    const runtime = runtimeOfCustomer(request, base, invoice);
    if (invoice.status === 'draft') finalizeInvoice(request, runtime, invoice);
    if (invoice.status === 'paid') throw unexpectedState('invoice_already_paid', 'Invoice is already paid');
    requireStatus(invoice, 'open', 'pay');
    if (params.paid_out_of_band === true) {
      invoice.paid_out_of_band = true;
      markInvoicePaid(request, runtime, invoice);
      return invoice;
    }
    const failure = collectInvoice(request, runtime, invoice, {
      kind: 'requested',
      ...(params.payment_method ? { paymentMethod: params.payment_method } : {}),
    });
    if (failure) throw failure;
    return invoice;
  },

  voidInvoice: (params, request, base) => {
    const invoice = invoiceOf(request, params.id, 'id');
    requireStatus(invoice, 'open', 'void');
    const runtime = runtimeOfCustomer(request, base, invoice);
    Object.assign(invoice, {
      status: 'void',
      next_payment_attempt: null,
      status_transitions: { ...(invoice.status_transitions as object), voided_at: runtime.now() },
    });
    runtime.events.record(request, 'invoice.voided', invoice);
    // A voided renewal stops the dunning: the subscription no longer owes it.
    const subscription = invoice.subscription ? request.store.subscriptions.get(String(invoice.subscription)) : undefined;
    if (subscription?.status === 'past_due' && subscription.latest_invoice === invoice.id) {
      changeSubscription(request, runtime, subscription, { status: 'active' });
    }
    return invoice;
  },

  retrieveUpcomingInvoice: (params, request, base) => {
    if (!params.customer && !params.subscription) throw missingParam('customer');
    const subscription = params.subscription
      ? request.store.subscriptions.get(params.subscription)
      : [...request.store.subscriptions.values()].find(
          (sub) => sub.customer === params.customer && !['canceled', 'incomplete_expired'].includes(String(sub.status)),
        );
    const customer = customerOf(request, String(params.customer ?? subscription?.customer), 'customer');
    if (
      !subscription ||
      subscription.cancel_at_period_end === true ||
      ['canceled', 'incomplete_expired'].includes(String(subscription.status))
    ) {
      throw new SandboxError(404, {
        type: 'invalid_request_error',
        code: 'invoice_upcoming_none',
        message: `No upcoming invoices for customer: ${customer.id}`,
        doc_url: 'https://stripe.com/docs/error-codes/invoice-upcoming-none',
      });
    }
    const runtime = runtimeFor(request, base, customer);
    if (!params.subscription_items) return upcomingInvoice(request, runtime, subscription);
    // A preview of a change: the same subscription with the items changed, and what the change would prorate.
    const preview = structuredClone(subscription);
    preview.items = itemList(subscription.id, changedItems(request, runtime, subscription, params.subscription_items));
    const prorations =
      params.subscription_proration_behavior === 'none' || subscription.status === 'trialing'
        ? []
        : prorationLines(request, runtime, preview, itemsOf(subscription));
    return upcomingInvoice(request, runtime, preview, [...peekPending(subscription), ...prorations]);
  },
};
