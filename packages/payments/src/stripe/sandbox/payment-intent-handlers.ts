import {
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  ConfirmPaymentIntentParams,
  CreatePaymentIntentParams,
  ListPaymentIntentsParams,
  RetrievePaymentIntentParams,
  SearchPaymentIntentsParams,
  UpdatePaymentIntentParams,
} from '../stripe-params.generated.js';
import { bool, integer, mergeMetadata, object, requiredText, stringMap, text } from './coerce.js';
import { customerOf } from './customer-handlers.js';
import { knownParams } from './known-params.js';
import { filterCreated, listPage, newestFirst, searchPage } from './list-page.js';
import { attemptPayment, paymentMethodOf } from './payment-attempt.js';
import { buildPaymentIntent } from './payment-intent-object.js';
import type { Route, RouteRequest } from './route.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, missingParam, noSuch, SandboxError, unexpectedState } from './sandbox-error.js';
import { parseSearchQuery } from './search-query.js';
import type { StripeObject } from './store.js';

const CAPTURE_METHODS = ['automatic', 'automatic_async', 'manual'];
const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const UPDATABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'];

/** The PaymentIntent `id` of a request, which must exist. */
export function intentOf(request: RouteRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.paymentIntents.get(id);
  if (!found) throw noSuch('payment_intent', id, param);
  return found;
}

function amountOf(request: RouteRequest, name: string, required: boolean): number | undefined {
  const amount = integer(request.params, name);
  if (amount === undefined) {
    if (required) throw missingParam(name);
    return undefined;
  }
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

function currencyOf(request: RouteRequest, required: boolean): string | undefined {
  const currency = required ? requiredText(request.params, 'currency') : text(request.params, 'currency');
  if (currency === undefined) return undefined;
  if (!/^[a-zA-Z]{3}$/.test(currency)) throw invalidParam('currency', `Invalid currency: ${currency}.`);
  return currency.toLowerCase();
}

function captureMethodOf(request: RouteRequest): string | undefined {
  const method = text(request.params, 'capture_method');
  if (method !== undefined && !CAPTURE_METHODS.includes(method)) {
    throw invalidParam('capture_method', `Invalid capture_method: must be one of ${CAPTURE_METHODS.join(', ')}`);
  }
  return method;
}

function create(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const { params } = request;
  const amount = amountOf(request, 'amount', true) as number;
  const currency = currencyOf(request, true) as string;
  const customer = text(params, 'customer');
  if (customer) customerOf(request, customer, 'customer');
  const paymentMethod = text(params, 'payment_method');
  if (paymentMethod) paymentMethodOf(paymentMethod);
  const types = Array.isArray(params.payment_method_types) ? params.payment_method_types.map(String) : undefined;
  const automatic = object(params, 'automatic_payment_methods');
  const metadata = stringMap(params, 'metadata');
  const id = runtime.ids.next('pi');
  const intent = buildPaymentIntent({
    id,
    created: runtime.now(),
    livemode: request.livemode,
    amount,
    currency,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    capture_method: captureMethodOf(request) ?? 'automatic',
    confirmation_method: text(params, 'confirmation_method') ?? 'automatic',
    client_secret: `${id}_secret_${runtime.ids.secret()}`,
    customer: customer ?? null,
    payment_method: paymentMethod ?? null,
    payment_method_types: types ?? ['card'],
    // Since API version 2023-08-16, automatic payment methods are on unless types are listed.
    automatic_payment_methods: types
      ? null
      : { enabled: automatic?.enabled !== 'false', ...(automatic?.allow_redirects ? { allow_redirects: automatic.allow_redirects } : {}) },
    description: text(params, 'description') ?? null,
    metadata: metadata === '' || metadata === undefined ? {} : metadata,
    receipt_email: text(params, 'receipt_email') ?? null,
  });
  const returnUrl = text(params, 'return_url');
  if (returnUrl) returnUrls.set(intent, returnUrl);
  request.store.paymentIntents.set(id, intent);
  runtime.events.record(request, 'payment_intent.created', intent);
  if (bool(params, 'confirm') === true) return confirm(request, runtime, intent);
  return intent;
}

// The return URL is kept with the intent (as Stripe does) but this API version does not show it.
const returnUrls = new WeakMap<StripeObject, string>();

function confirm(request: RouteRequest, runtime: SandboxRuntime, intent: StripeObject): StripeObject {
  requireStatus(intent, CONFIRMABLE, 'confirm');
  const { params } = request;
  const paymentMethod = text(params, 'payment_method') ?? (intent.payment_method as string | null);
  if (!paymentMethod) {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      "You cannot confirm this PaymentIntent because it's missing a payment method. Update the payment_method property on the PaymentIntent, or pass payment_method when confirming.",
    );
  }
  const method = paymentMethodOf(paymentMethod);
  const returnUrl = text(params, 'return_url') ?? returnUrls.get(intent);
  if (returnUrl) returnUrls.set(intent, returnUrl);
  const automatic = intent.automatic_payment_methods as { enabled?: boolean; allow_redirects?: string } | null;
  if (automatic?.enabled && automatic.allow_redirects !== 'never' && !returnUrl) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      message:
        "This PaymentIntent is configured to accept payment methods enabled in your Dashboard. Because some of these payment methods might redirect your customer off of your page, you must provide a `return_url`. If you don't want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
    });
  }
  const captureMethod = captureMethodOf(request);
  if (captureMethod) intent.capture_method = captureMethod;
  attemptPayment(request, runtime, intent, paymentMethod, method, returnUrl);
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

function capture(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const intent = intentOf(request, request.path.id ?? '');
  if (intent.status !== 'requires_capture') {
    throw unexpectedState(
      'payment_intent_unexpected_state',
      `This PaymentIntent could not be captured because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
    );
  }
  const capturable = Number(intent.amount_capturable);
  const amount = amountOf(request, 'amount_to_capture', false) ?? capturable;
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
}

function cancel(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const intent = intentOf(request, request.path.id ?? '');
  const status = requireStatus(intent, CANCELABLE, 'cancel');
  const reason = text(request.params, 'cancellation_reason');
  if (reason !== undefined && !CANCELLATION_REASONS.includes(reason)) {
    throw invalidParam('cancellation_reason', `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`);
  }
  const charge = request.store.charges.get(String(intent.latest_charge));
  if (charge && status === 'requires_capture') Object.assign(charge, { refunded: true, amount_refunded: charge.amount });
  Object.assign(intent, { status: 'canceled', canceled_at: runtime.now(), cancellation_reason: reason ?? null, amount_capturable: 0 });
  runtime.events.record(request, 'payment_intent.canceled', intent);
  return intent;
}

function update(request: RouteRequest): StripeObject {
  const intent = intentOf(request, request.path.id ?? '');
  requireStatus(intent, UPDATABLE, 'update');
  const { params } = request;
  const amount = amountOf(request, 'amount', false);
  const currency = currencyOf(request, false);
  const customer = text(params, 'customer');
  if (customer) customerOf(request, customer, 'customer');
  const paymentMethod = text(params, 'payment_method');
  if (paymentMethod) paymentMethodOf(paymentMethod);
  const captureMethod = captureMethodOf(request);
  const change: Record<string, unknown> = {
    ...(amount === undefined ? {} : { amount }),
    ...(currency === undefined ? {} : { currency }),
    ...(customer === undefined ? {} : { customer: customer === '' ? null : customer }),
    ...(paymentMethod === undefined ? {} : { payment_method: paymentMethod, status: 'requires_confirmation' }),
    ...(captureMethod === undefined ? {} : { capture_method: captureMethod }),
  };
  for (const name of ['description', 'receipt_email'] as const) {
    const value = text(params, name);
    if (value !== undefined) change[name] = value === '' ? null : value;
  }
  const metadata = stringMap(params, 'metadata');
  if (metadata !== undefined) change.metadata = mergeMetadata(intent.metadata as Record<string, string>, metadata);
  Object.assign(intent, change);
  return intent;
}

/** PaymentIntents: create (and confirm), retrieve, update, list, search, confirm, capture, cancel. */
export const paymentIntentRoutes: Route[] = [
  {
    method: 'get',
    path: '/v1/payment_intents/search',
    known: knownParams(SearchPaymentIntentsParams),
    handle: (request) => {
      const matches = parseSearchQuery(requiredText(request.params, 'query'));
      const items = newestFirst(request.store.paymentIntents.values()).filter(matches);
      return searchPage(items, request.params, '/v1/payment_intents/search');
    },
  },
  { method: 'post', path: '/v1/payment_intents', known: knownParams(CreatePaymentIntentParams), handle: create },
  {
    method: 'get',
    path: '/v1/payment_intents',
    known: knownParams(ListPaymentIntentsParams),
    handle: (request) => {
      const customer = text(request.params, 'customer');
      const items = filterCreated(newestFirst(request.store.paymentIntents.values()), request.params).filter(
        (intent) => customer === undefined || intent.customer === customer,
      );
      return listPage(items, request.params, '/v1/payment_intents');
    },
  },
  {
    method: 'get',
    path: '/v1/payment_intents/:id',
    known: knownParams(RetrievePaymentIntentParams),
    handle: (request) => intentOf(request, request.path.id ?? ''),
  },
  { method: 'post', path: '/v1/payment_intents/:id', known: knownParams(UpdatePaymentIntentParams), handle: update },
  {
    method: 'post',
    path: '/v1/payment_intents/:id/confirm',
    known: knownParams(ConfirmPaymentIntentParams),
    handle: (request, runtime) => confirm(request, runtime, intentOf(request, request.path.id ?? '')),
  },
  { method: 'post', path: '/v1/payment_intents/:id/capture', known: knownParams(CapturePaymentIntentParams), handle: capture },
  { method: 'post', path: '/v1/payment_intents/:id/cancel', known: knownParams(CancelPaymentIntentParams), handle: cancel },
];
