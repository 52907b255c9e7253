import type { Recurring } from './billing-time.js';
import { priceOf } from './catalog-store.js';
import { buildLine } from './invoice-object.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** A recurring price named by a subscription item; Stripe refuses one-time prices there. */
export function recurringPrice(request: StripeRequest, runtime: SandboxRuntime, id: string, param: string): StripeObject {
  const price = priceOf(request, runtime, id, param);
  if (price.type !== 'recurring' || !price.recurring) {
    throw invalidParam(
      param,
      `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
      'parameter_invalid_string',
    );
  }
  return price;
}

/** The one currency and interval of a subscription's prices; Stripe refuses a mix. Returns the interval. */
export function checkOneCycle(prices: { price: StripeObject; param: string }[]): Recurring {
  const first = prices[0]?.price as StripeObject;
  const recurring = first.recurring as Recurring;
  for (const { price, param } of prices) {
    const other = price.recurring as Recurring;
    if (price.currency !== first.currency) throw invalidParam(param, 'All prices on a subscription must have the same `currency`.');
    if (other.interval !== recurring.interval || other.interval_count !== recurring.interval_count) {
      throw invalidParam(param, 'All prices on a subscription must have the same `recurring.interval` and `recurring.interval_count`.');
    }
  }
  return recurring;
}

/** The billing period of a subscription's items (they share one interval). */
export function recurringOf(subscription: StripeObject): Recurring {
  const [first] = itemsOf(subscription) as [StripeObject];
  return (first.price as { recurring: Recurring }).recurring;
}

/** The items of a subscription. */
export function itemsOf(subscription: StripeObject): StripeObject[] {
  return (subscription.items as { data: StripeObject[] }).data;
}

/** `price`'s product name, as invoice lines show it. */
export function productName(request: StripeRequest, price: StripeObject): string {
  const product = price.product;
  if (product && typeof product === 'object') return String((product as { name?: unknown }).name ?? price.id);
  const found = request.store.products.get(String(product));
  return String(found?.name ?? price.nickname ?? price.id);
}

/** One line per item for the period `[start, end]`: its price times its quantity, or nothing during a trial. */
export function periodLines(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  period: { start: number; end: number },
  trial: boolean,
): StripeObject[] {
  return itemsOf(subscription).map((item) => {
    const price = item.price as StripeObject;
    const quantity = Number(item.quantity);
    const name = productName(request, price);
    return buildLine({
      id: runtime.ids.next('il'),
      livemode: request.livemode,
      amount: trial ? 0 : Number(price.unit_amount) * quantity,
      currency: String(price.currency),
      description: trial
        ? `Trial period for ${name}`
        : `${quantity} × ${name} (at ${money(Number(price.unit_amount), String(price.currency))} / ${(price.recurring as Recurring).interval})`,
      period,
      price,
      quantity,
      proration: false,
      subscription: subscription.id,
      subscription_item: item.id,
    });
  });
}

/** An amount as Stripe's line descriptions write it: `$20.00`. */
export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}
