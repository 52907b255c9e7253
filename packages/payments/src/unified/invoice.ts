import { z } from 'zod';
import { Amount, Currency, Metadata, Timestamp } from './money.js';
import type { WithRaw } from './with-raw.js';

/**
 * Where an invoice stands:
 * - `draft`: being prepared, can still change
 * - `open`: final and owed; payment is attempted (and retried after a failure)
 * - `paid` (final), `void` (canceled, final), `uncollectible` (written off)
 */
export const InvoiceStatus = z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']);
/** Where an invoice stands. */
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

/** A bill: what a customer owes for a period of a subscription, or for a one-off. */
export const Invoice = z.object({
  id: z.string(),
  customerId: z.string().nullable(),
  subscriptionId: z.string().nullable(),
  status: InvoiceStatus,
  /** The provider's own word for the state. */
  providerStatus: z.string().nullable(),
  currency: Currency,
  amountDue: Amount,
  amountPaid: Amount,
  amountRemaining: Amount,
  /** The number shown to the customer, once the invoice is final. */
  number: z.string().nullable(),
  /** A page where the customer can see and pay it. */
  hostedUrl: z.string().nullable(),
  /** The PDF's address. */
  pdfUrl: z.string().nullable(),
  periodStart: Timestamp,
  periodEnd: Timestamp,
  /** How many payment attempts were made. */
  attemptCount: z.number().int().nonnegative(),
  /** When the next automatic attempt is due, while one is scheduled. */
  nextAttemptAt: Timestamp.nullable(),
  paidAt: Timestamp.nullable(),
  metadata: Metadata,
  createdAt: Timestamp,
  raw: z.unknown(),
});
/** An invoice; `raw` is the provider's object. */
export type Invoice<Raw = unknown> = WithRaw<z.infer<typeof Invoice>, Raw>;

/** Which invoices to list. */
export const ListInvoicesFilter = z.object({
  customerId: z.string().optional(),
  subscriptionId: z.string().optional(),
  status: InvoiceStatus.optional(),
  /** Items fetched per page; iteration continues over every page whatever it is. */
  pageSize: z.number().int().min(1).max(100).optional(),
});
/** Which invoices to list. */
export type ListInvoicesFilter = z.input<typeof ListInvoicesFilter>;

/** How to pay an open invoice now. */
export const PayInvoiceInput = z.object({
  /** Charge this payment method instead of the default one. */
  paymentMethod: z.string().optional(),
});
/** How to pay an open invoice now. */
export type PayInvoiceInput = z.input<typeof PayInvoiceInput>;
