import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** What a new subscription is made of; the rest is Stripe's defaults. */
export interface NewSubscription {
  id: string;
  created: number;
  livemode: boolean;
  customer: string;
  currency: string;
  items: StripeObject[];
  status: string;
  current_period_start: number;
  current_period_end: number;
  billing_cycle_anchor: number;
  trial_start: number | null;
  trial_end: number | null;
  cancel_at_period_end: boolean;
  default_payment_method: string | null;
  metadata: Record<string, string>;
  test_clock: string | null;
  trial_settings: { end_behavior: { missing_payment_method: string } };
}

/** A subscription in this API version's shape (fields of later versions in the sample are cleared). */
export function buildSubscription(fields: NewSubscription): StripeObject {
  const { items, ...rest } = fields;
  return {
    ...fromTemplate('subscription'),
    application: null,
    application_fee_percent: null,
    automatic_tax: { enabled: false },
    billing_thresholds: null,
    cancel_at: null,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, reason: null },
    collection_method: 'charge_automatically',
    days_until_due: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discount: null,
    ended_at: null,
    latest_invoice: null,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: fields.created,
    transfer_data: null,
    ...rest,
    items: itemList(fields.id, items),
  };
}

/** The subscription's `items` list, as Stripe nests it. */
export function itemList(subscription: string, items: StripeObject[]): Record<string, unknown> {
  return {
    object: 'list',
    data: items,
    has_more: false,
    total_count: items.length,
    url: `/v1/subscription_items?subscription=${subscription}`,
  };
}

/** One priced line of a subscription, with the legacy `plan` view of its price. */
export function buildSubscriptionItem(fields: {
  id: string;
  created: number;
  subscription: string;
  price: StripeObject;
  quantity: number;
  metadata?: Record<string, string>;
}): StripeObject {
  return {
    ...fromTemplate('subscription_item'),
    billing_thresholds: null,
    metadata: {},
    tax_rates: [],
    ...fields,
    price: structuredClone(fields.price),
    plan: planOf(fields.price),
  };
}

// Stripe still shows a recurring price as a `plan` on subscription items and invoice lines.
function planOf(price: StripeObject): StripeObject {
  const recurring = price.recurring as { interval: string; interval_count: number; usage_type?: string; trial_period_days?: number | null };
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    aggregate_usage: null,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: price.livemode,
    metadata: price.metadata,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: recurring.trial_period_days ?? null,
    usage_type: recurring.usage_type ?? 'licensed',
  };
}
