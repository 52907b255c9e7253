import { DAY, runtimeOfCustomer } from './billing-time.js';
import { defaultPaymentMethod } from './customer-defaults.js';
import { secretSuffix } from './ids.js';
import { buildInvoice, type NewInvoice } from './invoice-object.js';
import { invoicePdfUrl } from './invoice-pdf.js';
import { attemptPayment, paymentMethodOf } from './payment-attempt.js';
import { buildPaymentIntent } from './payment-intent-object.js';
import type { SandboxRuntime } from './runtime.js';
import { SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import { automatic, changeSubscription, endSubscription } from './subscription-lifecycle.js';

/** A new draft invoice, stored, with `invoice.created`. */
export function openInvoice(
  request: StripeRequest,
  runtime: SandboxRuntime,
  fields: Omit<NewInvoice, 'id' | 'created' | 'livemode'>,
): StripeObject {
  const invoice = buildInvoice({ ...fields, id: runtime.ids.next('in'), created: runtime.now(), livemode: request.livemode });
  request.store.invoices.set(invoice.id, invoice);
  runtime.events.record(request, 'invoice.created', invoice);
  return invoice;
}

/** Finalizes a draft: its number, hosted page and PDF, `invoice.finalized`. */
export function finalizeInvoice(request: StripeRequest, runtime: SandboxRuntime, invoice: StripeObject, autoAdvance = true): void {
  const customer = request.store.customers.get(String(invoice.customer));
  const sequence = Number(customer?.next_invoice_sequence ?? 1);
  if (customer) customer.next_invoice_sequence = sequence + 1;
  const token = `${request.livemode ? 'live' : 'test'}_${invoice.id}`;
  Object.assign(invoice, {
    status: 'open',
    auto_advance: autoAdvance,
    number: `${String(customer?.invoice_prefix ?? 'SBX')}-${String(sequence).padStart(4, '0')}`,
    hosted_invoice_url: `https://invoice.stripe.com/i/${request.account ?? 'acct_Sbx'}/${token}`,
    invoice_pdf: invoicePdfUrl(runtime.pdfOrigin, request.account, invoice.id, request.livemode),
    status_transitions: { ...(invoice.status_transitions as object), finalized_at: runtime.now() },
    effective_at: runtime.now(),
  });
  runtime.events.record(request, 'invoice.finalized', invoice);
}

/** How a payment attempt was made: by Stripe on schedule, or asked for (`POST /v1/invoices/:id/pay`). */
export type Attempt = { kind: 'scheduled' } | { kind: 'requested'; paymentMethod?: string };

/**
 * Collects an open invoice: nothing to charge pays it at once; otherwise its
 * PaymentIntent (made on the first attempt) is confirmed with the payment
 * method the attempt names, or the subscription's default, or the
 * customer's. A failed scheduled attempt sets the next retry, and the last
 * one applies the account's `whenRetriesFail` setting. The subscription
 * follows: `past_due` on a failed renewal, `active` once paid.
 * Returns the decline (or missing payment method) when the attempt failed.
 */
export function collectInvoice(
  request: StripeRequest,
  runtime: SandboxRuntime,
  invoice: StripeObject,
  attempt: Attempt,
): SandboxError | undefined {
  if (Number(invoice.amount_due) === 0) {
    markInvoicePaid(request, runtime, invoice);
    return undefined;
  }
  const subscription = invoice.subscription ? request.store.subscriptions.get(String(invoice.subscription)) : undefined;
  const customer = request.store.customers.get(String(invoice.customer));
  const paymentMethod =
    (attempt.kind === 'requested' ? attempt.paymentMethod : undefined) ??
    (subscription?.default_payment_method as string | null | undefined) ??
    (customer ? defaultPaymentMethod(customer) : null);
  const intent = invoiceIntent(request, runtime, invoice);
  Object.assign(invoice, { attempted: true, attempt_count: Number(invoice.attempt_count) + 1 });
  let failure: SandboxError | undefined;
  if (!paymentMethod) {
    failure = new SandboxError(400, {
      type: 'invalid_request_error',
      message:
        'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.',
    });
  } else {
    try {
      attemptPayment(request, runtime, intent, paymentMethod, paymentMethodOf(request, paymentMethod), undefined);
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error;
      failure = error;
    }
  }
  if (!failure && intent.status === 'succeeded') {
    invoice.charge = intent.latest_charge;
    markInvoicePaid(request, runtime, invoice);
    return undefined;
  }
  if (!failure) runtime.events.record(request, 'invoice.payment_action_required', invoice);
  paymentFailed(request, runtime, invoice, subscription, attempt);
  return failure;
}

/** The invoice's PaymentIntent, made on its first attempt (or for the customer to confirm) and confirmed again on each retry, as Stripe does. */
export function invoiceIntent(request: StripeRequest, runtime: SandboxRuntime, invoice: StripeObject): StripeObject {
  const existing = invoice.payment_intent ? request.store.paymentIntents.get(String(invoice.payment_intent)) : undefined;
  if (existing) return existing;
  const id = runtime.ids.next('pi');
  const intent = buildPaymentIntent({
    id,
    created: runtime.now(),
    livemode: request.livemode,
    amount: Number(invoice.amount_due),
    currency: String(invoice.currency),
    status: 'requires_payment_method',
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    client_secret: `${id}_secret_${secretSuffix(runtime.ids)}`,
    customer: String(invoice.customer),
    payment_method: null,
    payment_method_types: ['card'],
    automatic_payment_methods: null,
    description: invoice.billing_reason === 'subscription_create' ? 'Subscription creation' : 'Subscription update',
    metadata: {},
    receipt_email: null,
  });
  intent.invoice = invoice.id;
  request.store.paymentIntents.set(id, intent);
  invoice.payment_intent = id;
  runtime.events.record(request, 'payment_intent.created', intent);
  return intent;
}

/** Marks an open invoice paid (`invoice.paid`, `invoice.payment_succeeded`); its subscription, if owing, becomes active. */
export function markInvoicePaid(request: StripeRequest, runtime: SandboxRuntime, invoice: StripeObject): void {
  const subscription = invoice.subscription ? request.store.subscriptions.get(String(invoice.subscription)) : undefined;
  Object.assign(invoice, {
    status: 'paid',
    paid: true,
    attempted: true,
    amount_paid: invoice.amount_due,
    amount_remaining: 0,
    next_payment_attempt: null,
    status_transitions: { ...(invoice.status_transitions as object), paid_at: runtime.now() },
  });
  runtime.events.record(request, 'invoice.paid', invoice);
  runtime.events.record(request, 'invoice.payment_succeeded', invoice);
  if (subscription && ['incomplete', 'past_due', 'unpaid'].includes(String(subscription.status))) {
    changeSubscription(request, runtime, subscription, { status: 'active' });
  }
}

/** An invoice's PaymentIntent was confirmed by the customer and succeeded: the invoice is paid, at the customer's time. */
export function invoiceIntentSucceeded(request: StripeRequest, runtime: SandboxRuntime, intent: StripeObject): void {
  const invoice = request.store.invoices.get(String(intent.invoice));
  if (invoice?.status !== 'open') return;
  Object.assign(invoice, { attempted: true, attempt_count: Number(invoice.attempt_count) + 1, charge: intent.latest_charge });
  markInvoicePaid(request, runtimeOfCustomer(request, runtime, invoice), invoice);
}

function paymentFailed(
  request: StripeRequest,
  runtime: SandboxRuntime,
  invoice: StripeObject,
  subscription: StripeObject | undefined,
  attempt: Attempt,
): void {
  const { retryDays, whenRetriesFail } = runtime.billing;
  const failures = Number(invoice.attempt_count);
  if (attempt.kind === 'scheduled') {
    const wait = retryDays[failures - 1];
    invoice.next_payment_attempt = wait === undefined ? null : runtime.now() + wait * DAY;
  }
  runtime.events.record(request, 'invoice.payment_failed', invoice);
  // The first invoice of a subscription decides whether it starts; renewals go into dunning.
  if (!subscription || invoice.billing_reason === 'subscription_create') return;
  if (subscription.status === 'active') changeSubscription(request, runtime, subscription, { status: 'past_due' });
  if (attempt.kind !== 'scheduled' || invoice.next_payment_attempt !== null) return;
  if (whenRetriesFail === 'cancel') endSubscription(automatic(request), runtime, subscription, 'payment_failed');
  else if (whenRetriesFail === 'unpaid') changeSubscription(request, runtime, subscription, { status: 'unpaid' });
}
