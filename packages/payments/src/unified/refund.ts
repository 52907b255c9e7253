import { z } from 'zod';
import { Amount, Currency, Metadata, Timestamp } from './money.js';
import type { WithRaw } from './with-raw.js';

/** Where a refund stands. */
export const RefundStatus = z.enum(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);
/** Where a refund stands. */
export type RefundStatus = z.infer<typeof RefundStatus>;

/** Why a refund was made. */
export const RefundReason = z.enum(['duplicate', 'fraudulent', 'requested_by_customer']);
/** Why a refund was made. */
export type RefundReason = z.infer<typeof RefundReason>;

/** Money given back from a payment, in full or in part. */
export const Refund = z.object({
  id: z.string(),
  paymentId: z.string().nullable(),
  amount: Amount,
  currency: Currency,
  status: RefundStatus,
  /** The provider's own word for the state. */
  providerStatus: z.string().nullable(),
  /** A {@link RefundReason}, or the provider's own reason. */
  reason: z.string().nullable(),
  metadata: Metadata,
  createdAt: Timestamp,
  raw: z.unknown(),
});
/** A refund; `raw` is the provider's object. */
export type Refund<Raw = unknown> = WithRaw<z.infer<typeof Refund>, Raw>;

/** What a refund is made with. */
export const CreateRefundInput = z.object({
  paymentId: z.string(),
  /** Default: what is left of the payment. */
  amount: Amount.refine((n) => n > 0, 'must be more than 0').optional(),
  reason: RefundReason.optional(),
  metadata: Metadata.optional(),
});
/** What a refund is made with. */
export type CreateRefundInput = z.input<typeof CreateRefundInput>;
