import { z } from 'zod';
import { CheckoutSession } from './checkout-session.js';
import { Customer } from './customer.js';
import { Invoice } from './invoice.js';
import { Timestamp } from './money.js';
import { Payment } from './payment.js';
import type { RawTypes } from './raw-types.js';
import { Refund } from './refund.js';
import { Subscription } from './subscription.js';

/** Customer events. */
export const CUSTOMER_EVENT_TYPES = ['customer.created', 'customer.updated', 'customer.deleted'] as const;
/**
 * Payment events. `payment.failed`: an attempt failed (the payment may still
 * be retried, see its status); `payment.authorized`: funds are held, ready
 * to capture.
 */
export const PAYMENT_EVENT_TYPES = [
  'payment.created',
  'payment.processing',
  'payment.requires_action',
  'payment.authorized',
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
] as const;
/**
 * Refund events. `refund.succeeded` / `refund.failed` / `refund.canceled`
 * mark the refund reaching that state (at creation or later);
 * `refund.created` / `refund.updated` are the other changes.
 */
export const REFUND_EVENT_TYPES = ['refund.created', 'refund.updated', 'refund.succeeded', 'refund.failed', 'refund.canceled'] as const;
/** Checkout events. */
export const CHECKOUT_EVENT_TYPES = ['checkout.completed', 'checkout.expired'] as const;
/**
 * Subscription events. `subscription.updated` covers every change that does
 * not end it: status (trial over, past due, recovered), plan, cancellation
 * scheduled; `subscription.canceled`: it has ended.
 */
export const SUBSCRIPTION_EVENT_TYPES = ['subscription.created', 'subscription.updated', 'subscription.canceled'] as const;
/** Invoice events: a payment of an invoice succeeded, or an attempt failed (it may be retried: see `nextAttemptAt`). */
export const INVOICE_EVENT_TYPES = ['invoice.paid', 'invoice.payment_failed'] as const;

/** Every normalized event type (`unknown` aside). */
export const PAYMENT_EVENT_TYPE_LIST = [
  ...CUSTOMER_EVENT_TYPES,
  ...PAYMENT_EVENT_TYPES,
  ...REFUND_EVENT_TYPES,
  ...CHECKOUT_EVENT_TYPES,
  ...SUBSCRIPTION_EVENT_TYPES,
  ...INVOICE_EVENT_TYPES,
] as const;
/** A normalized event type. */
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPE_LIST)[number];

const base = {
  /** The provider's event id: the same on every redelivery, so dedupe on it. */
  id: z.string(),
  /** The provider's own type, e.g. `payment_intent.succeeded`. */
  providerType: z.string(),
  createdAt: Timestamp,
  /** False for test-mode / sandbox events. */
  livemode: z.boolean(),
  raw: z.unknown(),
};

/**
 * A provider event in unified form: a typed model in `data` for the types
 * above, and `type: 'unknown'` (with the provider's object in `data`) for
 * everything else, so no event is dropped.
 */
export const PaymentEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.enum(CUSTOMER_EVENT_TYPES), data: Customer }),
  z.object({ ...base, type: z.enum(PAYMENT_EVENT_TYPES), data: Payment }),
  z.object({ ...base, type: z.enum(REFUND_EVENT_TYPES), data: Refund }),
  z.object({ ...base, type: z.enum(CHECKOUT_EVENT_TYPES), data: CheckoutSession }),
  z.object({ ...base, type: z.enum(SUBSCRIPTION_EVENT_TYPES), data: Subscription }),
  z.object({ ...base, type: z.enum(INVOICE_EVENT_TYPES), data: Invoice }),
  z.object({ ...base, type: z.literal('unknown'), data: z.unknown() }),
]);

interface EventBase<Raw> {
  /** The provider's event id: the same on every redelivery, so dedupe on it. */
  id: string;
  /** The provider's own type, e.g. `payment_intent.succeeded`. */
  providerType: string;
  createdAt: Date;
  /** False for test-mode / sandbox events. */
  livemode: boolean;
  /** The provider's event as it came. */
  raw: Raw;
}

/** A customer was created, updated or deleted. */
export interface CustomerEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: (typeof CUSTOMER_EVENT_TYPES)[number];
  data: Customer<R['customer']>;
}
/** A payment changed state. */
export interface PaymentChangeEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: (typeof PAYMENT_EVENT_TYPES)[number];
  data: Payment<R['payment']>;
}
/** A refund was made or changed state. */
export interface RefundEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: (typeof REFUND_EVENT_TYPES)[number];
  data: Refund<R['refund']>;
}
/** A checkout session was completed or expired. */
export interface CheckoutEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: (typeof CHECKOUT_EVENT_TYPES)[number];
  data: CheckoutSession<R['checkoutSession']>;
}
/** A subscription was created, changed or ended. */
export interface SubscriptionEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: (typeof SUBSCRIPTION_EVENT_TYPES)[number];
  data: Subscription<R['subscription']>;
}
/** An invoice was paid, or a payment attempt failed. */
export interface InvoiceEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: (typeof INVOICE_EVENT_TYPES)[number];
  data: Invoice<R['invoice']>;
}
/** Any other provider event, passed through: `providerType` says what it is, `data` is the provider's object. */
export interface UnknownPaymentEvent<R extends RawTypes = RawTypes> extends EventBase<R['event']> {
  type: 'unknown';
  data: unknown;
}

/** A normalized event; narrow on `type`. */
export type PaymentEvent<R extends RawTypes = RawTypes> =
  | CustomerEvent<R>
  | PaymentChangeEvent<R>
  | RefundEvent<R>
  | CheckoutEvent<R>
  | SubscriptionEvent<R>
  | InvoiceEvent<R>
  | UnknownPaymentEvent<R>;

/** The event of one type: `PaymentEventOf<'payment.succeeded'>` has a `Payment` in `data`. */
export type PaymentEventOf<T extends PaymentEvent['type'], R extends RawTypes = RawTypes> = (T extends CustomerEvent['type']
  ? CustomerEvent<R>
  : T extends PaymentChangeEvent['type']
    ? PaymentChangeEvent<R>
    : T extends RefundEvent['type']
      ? RefundEvent<R>
      : T extends CheckoutEvent['type']
        ? CheckoutEvent<R>
        : T extends SubscriptionEvent['type']
          ? SubscriptionEvent<R>
          : T extends InvoiceEvent['type']
            ? InvoiceEvent<R>
            : UnknownPaymentEvent<R>) & { type: T };

/** Which events to list. */
export const ListEventsFilter = z.object({
  /** Only events of these types. */
  types: z.array(z.enum(PAYMENT_EVENT_TYPE_LIST)).optional(),
  /** Only events created at or after this moment. */
  createdAfter: Timestamp.optional(),
  /** Items fetched per page; iteration continues over every page whatever it is. */
  pageSize: z.number().int().min(1).max(100).optional(),
});
/** Which events to list. */
export type ListEventsFilter = z.input<typeof ListEventsFilter>;
