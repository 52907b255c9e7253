import { fromTemplate } from './object-template.js';
import type { StripeObject } from './store.js';

/** A recurring price's `recurring`, as API version 2023-08-16 shows it. */
export interface PriceRecurring {
  interval: 'day' | 'week' | 'month' | 'year';
  interval_count: number;
  usage_type: 'licensed' | 'metered';
  aggregate_usage: string | null;
  trial_period_days: null;
}

/** What a new price is made of. */
export interface NewPrice {
  id: string;
  created: number;
  livemode: boolean;
  product: string;
  currency: string;
  unit_amount: number | null;
  unit_amount_decimal: string;
  recurring: PriceRecurring | null;
  active: boolean;
  nickname: string | null;
  lookup_key: string | null;
  metadata: Record<string, string>;
  tax_behavior: string;
}

/**
 * A per-unit price on Stripe's sample price: `type` follows `recurring`
 * (`recurring` or `one_time` with `recurring: null`), and the fields of
 * tiered or custom-amount prices are null.
 */
export function buildPrice(fields: NewPrice): StripeObject {
  return {
    ...fromTemplate('price'),
    billing_scheme: 'per_unit',
    custom_unit_amount: null,
    tiers_mode: null,
    transform_quantity: null,
    ...fields,
    type: fields.recurring ? 'recurring' : 'one_time',
  };
}
