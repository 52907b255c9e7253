import type { CallOptions } from '@junction/core';
import type { Address as UnifiedAddress } from '../unified/address.js';
import type { CheckoutSession as UnifiedCheckoutSession } from '../unified/checkout-session.js';
import type { Customer as UnifiedCustomer } from '../unified/customer.js';
import type { Payment, PaymentStatus } from '../unified/payment.js';
import type { RawTypes } from '../unified/raw-types.js';
import type { RefundStatus, Refund as UnifiedRefund } from '../unified/refund.js';
import type { RequestOptions } from '../unified/request-options.js';
import type {
  Address,
  Event,
  Invoice,
  PaymentIntent,
  CheckoutSession as StripeCheckoutSession,
  Customer as StripeCustomer,
  Refund as StripeRefund,
  Subscription,
} from './stripe-objects.generated.js';

/** The Stripe objects behind each unified model: `payment.raw` is a PaymentIntent, and so on. */
export interface StripeRawTypes extends RawTypes {
  customer: StripeCustomer;
  payment: PaymentIntent;
  refund: StripeRefund;
  checkoutSession: StripeCheckoutSession;
  subscription: Subscription;
  invoice: Invoice;
  event: Event;
}

/** The id of an expandable field: the string itself, or the expanded object's `id`. */
export function idOf(value: string | { id?: unknown } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return typeof value.id === 'string' ? value.id : null;
}

/** Stripe timestamps are unix seconds. */
export function fromUnix(seconds: number): Date {
  return new Date(seconds * 1000);
}

/** A Date as unix seconds, for Stripe. */
export function toUnix(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A `created` range filter, or undefined when neither end is given. */
export function createdRange(after: Date | undefined, before: Date | undefined): { gte?: number; lte?: number } | undefined {
  if (!after && !before) return undefined;
  return { ...(after ? { gte: toUnix(after) } : {}), ...(before ? { lte: toUnix(before) } : {}) };
}

/** Stripe returns currencies in lower case; the unified models use upper case. */
export function upper(currency: string): string {
  return currency.toUpperCase();
}

/** Unified request options as core call options. */
export function callOptions(options: RequestOptions = {}): CallOptions {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  };
}

/** A Stripe customer as a unified customer. */
export function toCustomer(customer: StripeCustomer): UnifiedCustomer<StripeCustomer> {
  return {
    id: customer.id,
    email: customer.email ?? null,
    name: customer.name ?? null,
    phone: customer.phone ?? null,
    description: customer.description ?? null,
    address: toAddress(customer.address),
    metadata: customer.metadata ?? {},
    createdAt: fromUnix(customer.created),
    raw: customer,
  };
}

/** A Stripe address as a unified one; null when Stripe has none. */
export function toAddress(address: Address | null | undefined): UnifiedAddress | null {
  if (!address) return null;
  return {
    line1: address.line1 ?? null,
    line2: address.line2 ?? null,
    city: address.city ?? null,
    state: address.state ?? null,
    postalCode: address.postal_code ?? null,
    country: address.country ?? null,
  };
}

const PAYMENT_STATUS: Record<string, PaymentStatus> = {
  requires_payment_method: 'requires_payment_method',
  requires_confirmation: 'requires_confirmation',
  requires_action: 'requires_action',
  processing: 'processing',
  requires_capture: 'requires_capture',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

/**
 * A PaymentIntent as a unified payment. A decline leaves a PaymentIntent in
 * `requires_payment_method` with `last_payment_error` set: it can be
 * retried with another method, so it maps to that status with `failure`
 * filled in, not to `failed`. A status Stripe adds later maps to
 * `processing` ("not final, look again"), with Stripe's word in `providerStatus`.
 */
export function toPayment(intent: PaymentIntent): Payment<PaymentIntent> {
  const error = intent.last_payment_error;
  return {
    id: intent.id,
    amount: intent.amount,
    currency: upper(intent.currency),
    status: PAYMENT_STATUS[intent.status] ?? 'processing',
    providerStatus: intent.status,
    captureMethod: intent.capture_method === 'manual' ? 'manual' : 'automatic',
    amountCapturable: intent.amount_capturable ?? 0,
    amountReceived: intent.amount_received ?? 0,
    customerId: idOf(intent.customer),
    paymentMethodId: idOf(intent.payment_method),
    description: intent.description ?? null,
    metadata: intent.metadata ?? {},
    failure: error ? { code: error.code ?? null, declineCode: error.decline_code ?? null, message: error.message ?? null } : null,
    clientSecret: intent.client_secret ?? null,
    createdAt: fromUnix(intent.created),
    raw: intent,
  };
}

const REFUND_STATUS: Record<string, RefundStatus> = {
  pending: 'pending',
  requires_action: 'requires_action',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
};

/** A Stripe refund as a unified refund; a status Stripe adds later (or none) reads as `pending`. */
export function toRefund(refund: StripeRefund): UnifiedRefund<StripeRefund> {
  return {
    id: refund.id,
    paymentId: idOf(refund.payment_intent),
    amount: refund.amount,
    currency: upper(refund.currency),
    status: (refund.status && REFUND_STATUS[refund.status]) || 'pending',
    providerStatus: refund.status ?? null,
    reason: refund.reason ?? null,
    metadata: refund.metadata ?? {},
    createdAt: fromUnix(refund.created),
    raw: refund,
  };
}

/** A Stripe Checkout Session as a unified checkout session. */
export function toCheckoutSession(session: StripeCheckoutSession): UnifiedCheckoutSession<StripeCheckoutSession> {
  const email = (session.customer_details as { email?: string | null } | null | undefined)?.email ?? session.customer_email ?? null;
  return {
    id: session.id,
    url: session.url ?? null,
    status: session.status === 'complete' ? 'complete' : session.status === 'expired' ? 'expired' : 'open',
    paymentStatus:
      session.payment_status === 'paid' ? 'paid' : session.payment_status === 'no_payment_required' ? 'no_payment_required' : 'unpaid',
    amountTotal: session.amount_total ?? null,
    currency: session.currency ? upper(session.currency) : null,
    customerId: idOf(session.customer),
    customerEmail: email,
    paymentId: idOf(session.payment_intent),
    clientReferenceId: session.client_reference_id ?? null,
    successUrl: session.success_url ?? null,
    cancelUrl: session.cancel_url ?? null,
    metadata: session.metadata ?? {},
    expiresAt: fromUnix(session.expires_at),
    createdAt: fromUnix(session.created),
    raw: session,
  };
}
