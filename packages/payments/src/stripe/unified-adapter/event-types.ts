import type { CheckoutEvent, CustomerEvent, PaymentChangeEvent, PaymentEventType, RefundEvent } from '../../unified/events.js';

/** Stripe customer events → unified (same names). */
export const CUSTOMER_TYPES: Record<string, CustomerEvent['type']> = {
  'customer.created': 'customer.created',
  'customer.updated': 'customer.updated',
  'customer.deleted': 'customer.deleted',
};

/** Stripe PaymentIntent events → unified payment events. */
export const PAYMENT_TYPES: Record<string, PaymentChangeEvent['type']> = {
  'payment_intent.created': 'payment.created',
  'payment_intent.processing': 'payment.processing',
  'payment_intent.requires_action': 'payment.requires_action',
  'payment_intent.amount_capturable_updated': 'payment.authorized',
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.canceled': 'payment.canceled',
};

/** Stripe Checkout events → unified checkout events. */
export const CHECKOUT_TYPES: Record<string, CheckoutEvent['type']> = {
  'checkout.session.completed': 'checkout.completed',
  'checkout.session.expired': 'checkout.expired',
};

/** Stripe events that carry a refund object. */
export const REFUND_SOURCES = ['refund.created', 'refund.updated', 'charge.refund.updated'] as const;

const FINAL_REFUND_STATES = new Set(['succeeded', 'failed', 'canceled']);

/**
 * The unified type of a refund event: `refund.<state>` when the refund
 * reaches a final state (created in it, or its status just changed to it),
 * else `refund.created` / `refund.updated`.
 */
export function refundEventType(providerType: string, status: string | null | undefined, previous: unknown): RefundEvent['type'] {
  const statusChanged = providerType === 'refund.created' || (typeof previous === 'object' && previous !== null && 'status' in previous);
  if (statusChanged && status && FINAL_REFUND_STATES.has(status)) return `refund.${status}` as RefundEvent['type'];
  return providerType === 'refund.created' ? 'refund.created' : 'refund.updated';
}

/** The Stripe event types that can become each unified type, for filtering `/v1/events`. */
export function stripeTypesFor(types: readonly PaymentEventType[]): string[] {
  const out = new Set<string>();
  for (const type of types) {
    if (type.startsWith('refund.')) for (const source of REFUND_SOURCES) out.add(source);
    for (const table of [CUSTOMER_TYPES, PAYMENT_TYPES, CHECKOUT_TYPES]) {
      for (const [stripe, unified] of Object.entries(table)) if (unified === type) out.add(stripe);
    }
  }
  return [...out];
}
