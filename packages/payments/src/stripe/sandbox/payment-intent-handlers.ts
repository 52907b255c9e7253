import { customerOf } from './customer-handlers.js';
import { secretSuffix } from './ids.js';
import { invoiceIntentSucceeded } from './invoice-collect.js';
import { filterCreated, listPage, newestFirst, searchPage } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { attemptPayment, paymentMethodOf } from './payment-attempt.js';
import { buildPaymentIntent } from './payment-intent-object.js';
import { automaticPaymentMethods, requireReturnUrl } from './redirect-check.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, noSuch, SandboxError, unexpectedState } from './sandbox-error.js';
import { parseSearchQuery } from './search-query.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'];
const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const UPDATABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

/** The PaymentIntent `id` of a request, which must exist. */
export function intentOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.paymentIntents.get(id);
  if (!found) throw noSuch('payment_intent', id, param);
  return found;
}

// The schema has checked it is an integer; Stripe's own bounds are checked here.
function checkAmount(amount: number | undefined, name: string): number | undefined {
  if (amount === undefined) return undefined;
  if (amount < 1) throw invalidParam(name, 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  // Stripe's minimum charge is about 50 cents; 50 minor units is the sandbox's simple version of it.
  if (amount < 50) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      code: 'amount_too_small',
      param: name,
      message: 'Amount must be at least 50 in the minor unit of the currency (e.g. $0.50 usd).',
      doc_url: 'https://stripe.com/docs/error-codes/amount-too-small',
    });
  }
  return amount;
}

function checkCurrency(currency: string | undefined): string | undefined {
  if (currency === undefined) return undefined;
  if (!/^[a-zA-Z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currency}.`);
  return currency.toLowerCase();
}

function checkCaptureMethod(method: string | undefined): string | undefined {
  if (method !== undefined && !CAPTURE_METHODS.includes(method)) {
    throw invalidParam('capture_method', `Invalid capture_method: must be one of ${CAPTURE_METHODS.join(', ')}`);
  }
  return method;
}

// The return URL is kept with the intent (as Stripe does) but this API version does not show it.
const returnUrls = new WeakMap<StripeObject, string>();

interface ConfirmParams {
  payment_method?: string;
  return_url?: string;
  capture_method?: string;
}

function confirm(params: ConfirmParams, request: StripeRequest, runtime: SandboxRuntime, intent: StripeObject): StripeObject {
  requireStatus(intent, CONFIRMABLE, 'confirm');
  const paymentMethod = params.payment_method ?? (intent.payment_method as string | null);
  if (!paymentMethod) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the payment_method property on the PaymentIntent, or pass payment_method when confirming.",
    );
  }
  const method = paymentMethodOf(request, paymentMethod);
  const returnUrl = params.return_url ?? returnUrls.get(intent);
  if (returnUrl) returnUrls.set(intent, returnUrl);
  requireReturnUrl(intent, 'PaymentIntent', returnUrl);
  const captureMethod = checkCaptureMethod(params.capture_method);
  if (captureMethod) intent.capture_method = captureMethod;
  attemptPayment(request, runtime, intent, paymentMethod, method, returnUrl);
  // Confirming an invoice's PaymentIntent (a `default_incomplete` subscription's first payment) pays the invoice.
  if (intent.invoice && intent.status === 'succeeded') invoiceIntentSucceeded(request, runtime, intent);
  return intent;
}

const PAST_TENSE = { confirm: 'confirmed', cancel: 'canceled', update: 'updated' } as const;

/** The intent's status, when it allows `action`; otherwise Stripe's payment_intent_unexpected_state. */
function requireStatus(intent: StripeObject, allowed: readonly string[], action: keyof typeof PAST_TENSE): string {
  const status = String(intent.status);
  if (!allowed.includes(status)) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `You cannot ${action} this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be ${PAST_TENSE[action]}: ${allowed.join(', ')}.`,
    );
  }
  return status;
}

/** PaymentIntents: create (and confirm), retrieve, update, list, search, confirm, capture, cancel. */
export const paymentIntentHandlers: StripeHandlers = {
  searchPaymentIntents: (params, request) =>
    searchPage(
      newestFirst(request.store.paymentIntents.values()).filter(parseSearchQuery(params.query)),
      params,
      '/v1/payment_intents/search',
    ),

  createPaymentIntent: (params, request, runtime) => {
    const amount = checkAmount(params.amount, 'amount') as number;
    const currency = checkCurrency(params.currency) as string;
    if (params.customer) customerOf(request, params.customer, 'customer');
    const paymentMethod = params.payment_method;
    if (paymentMethod) paymentMethodOf(request, paymentMethod);
    const types = params.payment_method_types;
    const id = runtime.ids.next('pi');
    const intent = buildPaymentIntent({
      id,
      created: runtime.now(),
      livemode: request.livemode,
      amount,
      currency,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      capture_method: checkCaptureMethod(params.capture_method) ?? 'automatic',
      confirmation_method: params.confirmation_method ?? 'automatic',
      client_secret: `${id}_secret_${secretSuffix(runtime.ids)}`,
      customer: params.customer ?? null,
      payment_method: paymentMethod ?? null,
      payment_method_types: types ?? ['card'],
      automatic_payment_methods: automaticPaymentMethods(types, params.automatic_payment_methods),
      description: params.description ?? null,
      metadata: mergeMetadata({}, params.metadata),
      receipt_email: params.receipt_email ?? null,
    });
    if (params.return_url) returnUrls.set(intent, params.return_url);
    request.store.paymentIntents.set(id, intent);
    runtime.events.record(request, 'payment_intent.created', intent);
    if (params.confirm === true) return confirm(params, request, runtime, intent);
    return intent;
  },

  listPaymentIntents: (params, request) => {
    const items = filterCreated(newestFirst(request.store.paymentIntents.values()), params.created).filter(
      (intent) => params.customer === undefined || intent.customer === params.customer,
    );
    return listPage(items, params, '/v1/payment_intents');
  },

  retrievePaymentIntent: (params, request) => intentOf(request, params.id),

  updatePaymentIntent: (params, request) => {
    const intent = intentOf(request, params.id);
    requireStatus(intent, UPDATABLE, 'update');
    const amount = checkAmount(params.amount, 'amount');
    const currency = checkCurrency(params.currency);
    const customer = params.customer;
    if (customer) customerOf(request, customer, 'customer');
    const paymentMethod = params.payment_method;
    if (paymentMethod) paymentMethodOf(request, paymentMethod);
    const captureMethod = checkCaptureMethod(params.capture_method);
    const change: Record<string, unknown> = {
      ...(amount === undefined ? {} : { amount }),
      ...(currency === undefined ? {} : { currency }),
      ...(customer === undefined ? {} : { customer: customer === '' ? null : customer }),
      ...(paymentMethod === undefined ? {} : { payment_method: paymentMethod, status: 'requires_confirmation' }),
      ...(captureMethod === undefined ? {} : { capture_method: captureMethod }),
    };
    for (const name of ['description', 'receipt_email'] as const) {
      const value = params[name];
      if (value !== undefined) change[name] = value === '' ? null : value;
    }
    if (params.metadata !== undefined) change.metadata = mergeMetadata(intent.metadata as Record<string, string>, params.metadata);
    Object.assign(intent, change);
    return intent;
  },

  confirmPaymentIntent: (params, request, runtime) => confirm(params, request, runtime, intentOf(request, params.id)),

  capturePaymentIntent: (params, request, runtime) => {
    const intent = intentOf(request, params.id);
    if (intent.status !== 'requires_capture') {
      throw unexpectedState(
        'payment_intent_unexpected_state',
        `This PaymentIntent could not be captured because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
      );
    }
    const capturable = Number(intent.amount_capturable);
    const amount = checkAmount(params.amount_to_capture, 'amount_to_capture') ?? capturable;
    if (amount > capturable) {
      throw invalidParam(
        'amount_to_capture',
        `amount_to_capture (${amount}) must be less than or equal to the amount_capturable (${capturable}).`,
        'amount_too_large',
      );
    }
    const charge = request.store.charges.get(String(intent.latest_charge));
    if (charge) {
      Object.assign(charge, { captured: true, amount_captured: amount, amount_refunded: Number(charge.amount) - amount });
      runtime.events.record(request, 'charge.captured', charge);
    }
    Object.assign(intent, { status: 'succeeded', amount_received: amount, amount_capturable: 0 });
    runtime.events.record(request, 'payment_intent.succeeded', intent);
    return intent;
  },

  cancelPaymentIntent: (params, request, runtime) => {
    const intent = intentOf(request, params.id);
    const status = requireStatus(intent, CANCELABLE, 'cancel');
    const reason = params.cancellation_reason;
    if (reason !== undefined && !CANCELLATION_REASONS.includes(reason)) {
      throw invalidParam('cancellation_reason', `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`);
    }
    const charge = request.store.charges.get(String(intent.latest_charge));
    if (charge && status === 'requires_capture') Object.assign(charge, { refunded: true, amount_refunded: charge.amount });
    Object.assign(intent, { status: 'canceled', canceled_at: runtime.now(), cancellation_reason: reason ?? null, amount_capturable: 0 });
    runtime.events.record(request, 'payment_intent.canceled', intent);
    return intent;
  },
};
