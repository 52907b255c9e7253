import { z } from 'zod';
import { Amount, Currency, Metadata, Timestamp } from './money.js';
import type { WithRaw } from './with-raw.js';

/** A hosted payment page: the provider collects the payment details and the payment, then sends the customer back. */
export const CheckoutSession = z.object({
  id: z.string(),
  /** The page to send the customer to; null once it is complete or expired. */
  url: z.string().nullable(),
  status: z.enum(['open', 'complete', 'expired']),
  paymentStatus: z.enum(['paid', 'unpaid', 'no_payment_required']),
  amountTotal: Amount.nullable(),
  currency: Currency.nullable(),
  customerId: z.string().nullable(),
  customerEmail: z.string().nullable(),
  /** The payment made through the page, once there is one. */
  paymentId: z.string().nullable(),
  /** Your own reference for the session (an order id). */
  clientReferenceId: z.string().nullable(),
  successUrl: z.string().nullable(),
  cancelUrl: z.string().nullable(),
  metadata: Metadata,
  expiresAt: Timestamp,
  createdAt: Timestamp,
  raw: z.unknown(),
});
/** A checkout session; `raw` is the provider's object. */
export type CheckoutSession<Raw = unknown> = WithRaw<z.infer<typeof CheckoutSession>, Raw>;

/** A line of a checkout: a product named here, or a price the provider already knows. */
export const CheckoutLineItem = z.union([
  z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    /** Price of one unit, in minor units of the session's currency. */
    unitAmount: Amount,
    quantity: z.number().int().positive(),
  }),
  z.object({
    /** A price kept at the provider (Stripe: `price_…`). */
    priceId: z.string(),
    quantity: z.number().int().positive(),
  }),
]);
/** A line of a checkout. */
export type CheckoutLineItem = z.input<typeof CheckoutLineItem>;

/** What a checkout session is made with (a one-off payment). */
export const CreateCheckoutSessionInput = z.object({
  lineItems: z.array(CheckoutLineItem).min(1),
  /** Needed for lines named here (with `unitAmount`). */
  currency: Currency.optional(),
  /** Where the customer lands after paying. */
  successUrl: z.string(),
  /** Where the customer lands after giving up. */
  cancelUrl: z.string().optional(),
  customerId: z.string().optional(),
  /** Prefills the email when there is no customer. */
  customerEmail: z.string().optional(),
  clientReferenceId: z.string().optional(),
  /** When the page stops accepting payment; providers bound it (Stripe: 30 minutes to 24 hours ahead). */
  expiresAt: Timestamp.optional(),
  metadata: Metadata.optional(),
});
/** What a checkout session is made with. */
export type CreateCheckoutSessionInput = z.input<typeof CreateCheckoutSessionInput>;
