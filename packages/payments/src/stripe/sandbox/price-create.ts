import { mergeMetadata } from './metadata.js';
import { buildPrice, type NewPrice, type PriceRecurring } from './price-object.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, missingParam, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** What a price is made from: `createPrice`'s parameters, or `createProduct`'s `default_price_data`. */
export interface PriceInput {
  currency: string;
  unit_amount?: number;
  unit_amount_decimal?: string;
  billing_scheme?: string;
  custom_unit_amount?: unknown;
  recurring?: { interval: string; interval_count?: number; usage_type?: string; aggregate_usage?: string };
  tax_behavior?: string;
  nickname?: string;
  lookup_key?: string;
  metadata?: Record<string, string>;
  active?: boolean;
}

const INTERVALS = ['day', 'week', 'month', 'year'] as const;
// Stripe bills at most once a year: 1 year, 12 months, 52 weeks or 365 days.
const MAX_COUNT: Record<PriceRecurring['interval'], number> = { day: 365, week: 52, month: 12, year: 1 };
const USAGE_TYPES = ['licensed', 'metered'];

/** Names a parameter inside `prefix` as Stripe does: `default_price_data[recurring][interval]`. */
function named(prefix: string, path: string): string {
  if (!prefix) return path;
  const cut = path.indexOf('[');
  return cut < 0 ? `${prefix}[${path}]` : `${prefix}[${path.slice(0, cut)}]${path.slice(cut)}`;
}

/** `recurring` as Stripe checks it: an interval it knows, at most a year long, licensed unless metered. */
function readRecurring(value: PriceInput['recurring'], prefix = ''): PriceRecurring | null {
  if (value === undefined) return null;
  const interval = value.interval as PriceRecurring['interval'];
  if (!INTERVALS.includes(interval)) {
    const param = named(prefix, 'recurring[interval]');
    throw invalidParam(param, `Invalid ${param}: must be one of day, month, week, or year`);
  }
  const count = value.interval_count ?? 1;
  if (count < 1 || count > MAX_COUNT[interval]) {
    throw invalidParam(
      named(prefix, 'recurring[interval_count]'),
      `The maximum billing interval is one year (1 year, 12 months, 52 weeks or 365 days); interval_count must be between 1 and ${MAX_COUNT[interval]} for interval ${interval}.`,
      'parameter_invalid_integer',
    );
  }
  const usage = value.usage_type ?? 'licensed';
  if (!USAGE_TYPES.includes(usage)) {
    const param = named(prefix, 'recurring[usage_type]');
    throw invalidParam(param, `Invalid ${param}: must be one of licensed or metered`);
  }
  const metered = usage === 'metered';
  return {
    interval,
    interval_count: count,
    usage_type: metered ? 'metered' : 'licensed',
    aggregate_usage: metered ? (value.aggregate_usage ?? 'sum') : null,
    trial_period_days: null,
  };
}

function readAmount(input: PriceInput, prefix: string): { unit_amount: number | null; unit_amount_decimal: string } {
  if (input.billing_scheme === 'tiered' || input.custom_unit_amount !== undefined) {
    const param = named(prefix, input.billing_scheme === 'tiered' ? 'billing_scheme' : 'custom_unit_amount');
    throw invalidParam(param, `The Stripe sandbox makes per-unit prices only; ${param} is not supported.`);
  }
  const { unit_amount: amount, unit_amount_decimal: decimal } = input;
  if (amount !== undefined && decimal !== undefined) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      message: 'You may only specify one of these parameters: unit_amount, unit_amount_decimal.',
    });
  }
  if (decimal !== undefined) {
    if (!/^\d+(\.\d{1,12})?$/.test(decimal))
      throw invalidParam(named(prefix, 'unit_amount_decimal'), 'Invalid decimal: unit_amount_decimal.');
    const whole = Number(decimal);
    return { unit_amount: Number.isInteger(whole) ? whole : null, unit_amount_decimal: decimal };
  }
  if (amount === undefined) throw missingParam(named(prefix, 'unit_amount'));
  if (amount < 0)
    throw invalidParam(named(prefix, 'unit_amount'), 'This value must be greater than or equal to 0.', 'parameter_invalid_integer');
  return { unit_amount: amount, unit_amount_decimal: String(amount) };
}

/**
 * Gives `key` to `price`. Another price holding it is Stripe's 400, unless
 * `transfer` (`transfer_lookup_key`) takes it away from that price, which
 * then gets `price.updated`.
 */
export function claimLookupKey(
  request: StripeRequest,
  runtime: SandboxRuntime,
  key: string,
  transfer: boolean,
  price?: StripeObject,
): void {
  const holder = [...request.store.prices.values()].find((other) => other.lookup_key === key && other !== price);
  if (!holder) return;
  if (!transfer) throw invalidParam('lookup_key', `A price (\`${holder.id}\`) already uses that lookup key.`, 'lookup_key_already_exists');
  holder.lookup_key = null;
  runtime.events.record(request, 'price.updated', holder, { lookup_key: key });
}

/** A price's own fields, checked: everything but its id, product and creation. */
export type PriceFields = Omit<NewPrice, 'id' | 'created' | 'livemode' | 'product'>;

/** Checks `input` as Stripe does (currency, `recurring`, amount) and reads the price's fields from it; `prefix` names the parameters it came in. */
export function checkPrice(input: PriceInput, prefix = ''): PriceFields {
  if (!/^[a-zA-Z]{3}$/.test(input.currency)) throw invalidParam(named(prefix, 'currency'), `Invalid currency: ${input.currency}.`);
  return {
    currency: input.currency.toLowerCase(),
    ...readAmount(input, prefix),
    recurring: readRecurring(input.recurring, prefix),
    active: input.active ?? true,
    nickname: input.nickname || null,
    lookup_key: input.lookup_key || null,
    metadata: mergeMetadata({}, input.metadata),
    tax_behavior: input.tax_behavior ?? 'unspecified',
  };
}

/**
 * Makes and keeps a price of `product`, with `price.created` (its lookup key
 * taken from another price if `transfer`). `id` is given when the product
 * named it first (`default_price_data`).
 */
export function addPrice(
  request: StripeRequest,
  runtime: SandboxRuntime,
  product: string,
  fields: PriceFields,
  options: { transfer?: boolean; id?: string } = {},
): StripeObject {
  if (fields.lookup_key) claimLookupKey(request, runtime, fields.lookup_key, options.transfer === true);
  const price = buildPrice({
    ...fields,
    id: options.id ?? runtime.ids.next('price'),
    created: runtime.now(),
    livemode: request.livemode,
    product,
  });
  request.store.prices.set(price.id, price);
  runtime.events.record(request, 'price.created', price);
  return price;
}
