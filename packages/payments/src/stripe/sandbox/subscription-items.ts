import type { SandboxRuntime } from './runtime.js';
import { invalidParam, missingParam, noSuch } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import { checkOneCycle, itemsOf, recurringPrice } from './subscription-lines.js';
import { buildSubscriptionItem } from './subscription-object.js';

/** One entry of `items` in an update. */
export interface ItemChange {
  id?: string;
  price?: string;
  quantity?: number;
  deleted?: boolean;
}

/**
 * A subscription's items after an update (or a preview of one): named
 * items changed or removed, unnamed ones added, all on one cycle.
 */
export function changedItems(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  changes: ItemChange[],
): StripeObject[] {
  const items = structuredClone(itemsOf(subscription));
  for (const [i, change] of changes.entries()) {
    const param = `items[${i}]`;
    const existing = change.id === undefined ? undefined : items.find((item) => item.id === change.id);
    if (change.id !== undefined && !existing) throw noSuch('subscription_item', change.id, `${param}[id]`);
    if (existing && change.deleted) {
      items.splice(items.indexOf(existing), 1);
      continue;
    }
    const price = change.price === undefined ? undefined : recurringPrice(request, runtime, change.price, `${param}[price]`);
    if (existing) {
      if (price) existing.price = structuredClone(price);
      if (change.quantity !== undefined) existing.quantity = change.quantity;
      continue;
    }
    if (!price) throw missingParam(`${param}[price]`);
    const now = runtime.now();
    items.push(
      buildSubscriptionItem({
        id: runtime.ids.next('si'),
        created: now,
        subscription: subscription.id,
        price,
        quantity: change.quantity ?? 1,
      }),
    );
  }
  if (items.length === 0) throw invalidParam('items', 'A subscription must have at least one active plan.');
  checkOneCycle(items.map((item, i) => ({ price: item.price as StripeObject, param: `items[${i}][price]` })));
  // Rebuild each item so its legacy `plan` follows its price.
  return items.map((item) =>
    buildSubscriptionItem({
      id: item.id,
      created: Number(item.created),
      subscription: subscription.id,
      price: item.price as StripeObject,
      quantity: Number(item.quantity),
    }),
  );
}
