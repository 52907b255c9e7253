import { z } from 'zod';
import { Currency, Metadata, Timestamp } from './money.js';
import type { WithRaw } from './with-raw.js';

/**
 * Where a subscription stands. A closed set each adapter maps its
 * provider's states onto (keeping the provider's own in `providerStatus`):
 *
 * - `incomplete`: the first payment has not succeeded yet
 * - `trialing`: in a free trial; the first charge comes when it ends
 * - `active`: paid up
 * - `past_due`: a renewal payment failed and is being retried (dunning); also when retries ran out but the subscription was kept
 * - `paused`: not billing for now (e.g. a trial ended without a payment method)
 * - `canceled`: over (final)
 */
export const SubscriptionStatus = z.enum(['incomplete', 'trialing', 'active', 'past_due', 'paused', 'canceled']);
/** Where a subscription stands. */
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** One priced line of a subscription. */
export const SubscriptionItem = z.object({
  /** The provider's id of this line, e.g. Stripe's `si_…`. */
  id: z.string(),
  /** The recurring price (plan) billed. */
  priceId: z.string(),
  productId: z.string().nullable(),
  quantity: z.number().int().nonnegative(),
});
/** One priced line of a subscription. */
export type SubscriptionItem = z.infer<typeof SubscriptionItem>;

/** A customer's recurring plan: billed each period until canceled. */
export const Subscription = z.object({
  id: z.string(),
  customerId: z.string(),
  status: SubscriptionStatus,
  /** The provider's own word for the state, e.g. Stripe's `unpaid`. */
  providerStatus: z.string(),
  items: z.array(SubscriptionItem),
  currency: Currency.nullable(),
  currentPeriodStart: Timestamp,
  /** When the next renewal is billed (or, with `cancelAtPeriodEnd`, when it ends). */
  currentPeriodEnd: Timestamp,
  trialEnd: Timestamp.nullable(),
  /** True when it will end at `currentPeriodEnd` instead of renewing. */
  cancelAtPeriodEnd: z.boolean(),
  canceledAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
  latestInvoiceId: z.string().nullable(),
  metadata: Metadata,
  createdAt: Timestamp,
  raw: z.unknown(),
});
/** A subscription; `raw` is the provider's object. */
export type Subscription<Raw = unknown> = WithRaw<z.infer<typeof Subscription>, Raw>;

const Quantity = z.number().int().min(1);

/** A plan to bill: a recurring price at the provider, and how many. */
export const SubscriptionItemInput = z.object({ priceId: z.string().min(1), quantity: Quantity.optional() });
/** A plan to bill. */
export type SubscriptionItemInput = z.input<typeof SubscriptionItemInput>;

/** What a new subscription is made with. */
export const CreateSubscriptionInput = z
  .object({
    customerId: z.string().min(1),
    items: z.array(SubscriptionItemInput).min(1),
    /** A free trial of this many days; the first charge comes when it ends. */
    trialDays: z.number().int().min(1).max(730).optional(),
    /** Or a trial until this moment. */
    trialEnd: Timestamp.optional(),
    /** The payment method renewals are charged to. Default: the customer's default one. */
    paymentMethod: z.string().optional(),
    metadata: Metadata.optional(),
  })
  .refine((input) => input.trialDays === undefined || input.trialEnd === undefined, {
    message: 'give trialDays or trialEnd, not both',
    path: ['trialEnd'],
  });
/** What a new subscription is made with. */
export type CreateSubscriptionInput = z.input<typeof CreateSubscriptionInput>;

/**
 * How a mid-period change is charged:
 * - `prorate` (default): credit the unused time and charge the new plan's share on the next invoice
 * - `invoice_now`: the same, invoiced and charged at once
 * - `none`: no adjustment; the new price applies from the next renewal
 */
export const Proration = z.enum(['prorate', 'invoice_now', 'none']);
/** How a mid-period change is charged. */
export type Proration = z.infer<typeof Proration>;

/** A change of plan: the subscription's new items, replacing the current ones in order. */
export const ChangePlanInput = z.object({
  items: z.array(SubscriptionItemInput).min(1),
  proration: Proration.optional(),
});
/** A change of plan. */
export type ChangePlanInput = z.input<typeof ChangePlanInput>;

/** How to cancel. */
export const CancelSubscriptionInput = z.object({
  /** Keep it until the paid period ends (true), or end it now (false, the default). */
  atPeriodEnd: z.boolean().optional(),
});
/** How to cancel. */
export type CancelSubscriptionInput = z.input<typeof CancelSubscriptionInput>;

/** Which subscriptions to list. */
export const ListSubscriptionsFilter = z.object({
  customerId: z.string().optional(),
  /** Only in this state. Default: every state but `canceled`. */
  status: SubscriptionStatus.optional(),
  /** Items fetched per page; iteration continues over every page whatever it is. */
  pageSize: z.number().int().min(1).max(100).optional(),
});
/** Which subscriptions to list. */
export type ListSubscriptionsFilter = z.input<typeof ListSubscriptionsFilter>;
