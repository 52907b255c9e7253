import { z } from 'zod';
import { Amount, Currency, Metadata, Timestamp } from './money.js';
import type { WithRaw } from './with-raw.js';

/**
 * Where a payment stands. A closed set: each adapter maps its provider's
 * states onto it (and keeps the provider's own in `providerStatus`).
 *
 * - `requires_payment_method`: needs a payment method (new, or after a decline: see `failure`)
 * - `requires_confirmation`: has one; confirm to attempt the payment
 * - `requires_action`: the customer must act (3-D Secure, a redirect)
 * - `processing`: the provider is working on it (bank debits); also any state an adapter does not know
 * - `requires_capture`: authorized; capture to collect, or cancel to release
 * - `succeeded`: the money is collected (final)
 * - `canceled`: abandoned or released (final)
 * - `failed`: failed for good and cannot be retried (some providers; Stripe uses `requires_payment_method` + `failure`)
 */
export const PaymentStatus = z.enum([
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
  'failed',
]);
/** Where a payment stands. */
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** Why the last attempt failed: a decline or an error. */
export const PaymentFailure = z.object({
  /** The provider's code, e.g. `card_declined`. */
  code: z.string().nullable(),
  /** The issuer's reason, when a card was declined, e.g. `insufficient_funds`. */
  declineCode: z.string().nullable(),
  /** A message fit to show the customer. */
  message: z.string().nullable(),
});
/** Why the last attempt failed. */
export type PaymentFailure = z.infer<typeof PaymentFailure>;

/** Collect at once (`automatic`), or authorize now and capture later (`manual`). */
export const CaptureMethod = z.enum(['automatic', 'manual']);
/** Collect at once, or authorize now and capture later. */
export type CaptureMethod = z.infer<typeof CaptureMethod>;

/** A payment: an amount to collect from a customer, through its life from creation to success or cancellation. */
export const Payment = z.object({
  id: z.string(),
  amount: Amount,
  currency: Currency,
  status: PaymentStatus,
  /** The provider's own word for the state, e.g. Stripe's `requires_capture`. */
  providerStatus: z.string(),
  captureMethod: CaptureMethod,
  /** What can still be captured (for `requires_capture`). */
  amountCapturable: Amount,
  /** What has been collected. */
  amountReceived: Amount,
  customerId: z.string().nullable(),
  paymentMethodId: z.string().nullable(),
  description: z.string().nullable(),
  metadata: Metadata,
  /** Set when the last attempt failed; cleared by a later success. */
  failure: PaymentFailure.nullable(),
  /** What the browser SDK needs to finish the payment client-side (Stripe's `client_secret`); keep it out of logs. */
  clientSecret: z.string().nullable(),
  createdAt: Timestamp,
  raw: z.unknown(),
});
/** A payment; `raw` is the provider's object. */
export type Payment<Raw = unknown> = WithRaw<z.infer<typeof Payment>, Raw>;

/** What a new payment is made with. */
export const CreatePaymentInput = z.object({
  amount: Amount.refine((n) => n > 0, 'must be more than 0'),
  currency: Currency,
  customerId: z.string().optional(),
  /** A payment method the provider knows (Stripe: `pm_…`, or a test one such as `pm_card_visa`). */
  paymentMethod: z.string().optional(),
  /** Attempt the payment at once (needs `paymentMethod`). Default false. */
  confirm: z.boolean().optional(),
  /** Default `automatic`. */
  captureMethod: CaptureMethod.optional(),
  /**
   * Where to send the customer back after a redirect (3-D Secure, a bank
   * page). Without it, payment methods that redirect are not offered.
   */
  returnUrl: z.string().optional(),
  description: z.string().optional(),
  /** Where the provider sends a receipt. */
  receiptEmail: z.string().optional(),
  metadata: Metadata.optional(),
});
/** What a new payment is made with. */
export type CreatePaymentInput = z.input<typeof CreatePaymentInput>;

/** How to confirm a payment. */
export const ConfirmPaymentInput = z.object({
  paymentMethod: z.string().optional(),
  returnUrl: z.string().optional(),
});
/** How to confirm a payment. */
export type ConfirmPaymentInput = z.input<typeof ConfirmPaymentInput>;

/** How much of an authorized payment to capture; the rest is released. Default: all of it. */
export const CapturePaymentInput = z.object({ amount: Amount.optional() });
/** How much of an authorized payment to capture. */
export type CapturePaymentInput = z.input<typeof CapturePaymentInput>;

/** Why a payment is canceled. */
export const CancelPaymentInput = z.object({
  reason: z.enum(['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']).optional(),
});
/** Why a payment is canceled. */
export type CancelPaymentInput = z.input<typeof CancelPaymentInput>;

/** Which payments to list. */
export const ListPaymentsFilter = z.object({
  customerId: z.string().optional(),
  createdAfter: Timestamp.optional(),
  createdBefore: Timestamp.optional(),
  /** Items fetched per page; iteration continues over every page whatever it is. */
  pageSize: z.number().int().min(1).max(100).optional(),
});
/** Which payments to list. */
export type ListPaymentsFilter = z.input<typeof ListPaymentsFilter>;
