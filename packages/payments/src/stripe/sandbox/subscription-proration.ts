import { buildLine } from './invoice-object.js';
import type { SandboxRuntime } from './runtime.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import { productName } from './subscription-lines.js';

// Proration adjustments waiting for the subscription's next invoice (Stripe's pending invoice items).
const pending = new WeakMap<StripeObject, StripeObject[]>();

const day = new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The adjustments for changing `before` items to the subscription's current
 * ones now: a credit for the unused time of each line that changed and a
 * charge for the remaining time of its replacement, as Stripe computes them
 * (the period's remaining fraction of each amount, rounded).
 */
export function prorationLines(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  before: StripeObject[],
): StripeObject[] {
  const now = runtime.now();
  const start = Number(subscription.current_period_start);
  const end = Number(subscription.current_period_end);
  const left = end > start ? Math.max(0, end - now) / (end - start) : 0;
  const after = (subscription.items as { data: StripeObject[] }).data;
  const same = (a: StripeObject, b: StripeObject | undefined) =>
    b !== undefined && (a.price as StripeObject).id === (b.price as StripeObject).id && a.quantity === b.quantity;
  const line = (item: StripeObject, sign: 1 | -1) => {
    const price = item.price as StripeObject;
    const quantity = Number(item.quantity);
    const what = `${quantity} × ${productName(request, price)}`;
    return buildLine({
      id: runtime.ids.next('il'),
      livemode: request.livemode,
      amount: sign * Math.round(Number(price.unit_amount) * quantity * left),
      currency: String(price.currency),
      description: `${sign < 0 ? 'Unused' : 'Remaining'} time on ${what} after ${day.format(now * 1000)}`,
      period: { start: now, end },
      price,
      quantity,
      proration: true,
      subscription: subscription.id,
      subscription_item: item.id,
    });
  };
  const credits = before
    .filter(
      (old) =>
        !same(
          old,
          after.find((item) => item.id === old.id),
        ),
    )
    .map((old) => line(old, -1));
  const charges = after
    .filter(
      (item) =>
        !same(
          item,
          before.find((old) => old.id === item.id),
        ),
    )
    .map((item) => line(item, 1));
  return [...credits, ...charges].map((adjustment) => ({ ...adjustment, type: 'invoiceitem', invoice_item: runtime.ids.next('ii') }));
}

/** Keeps adjustments for the subscription's next invoice. */
export function addPending(subscription: StripeObject, lines: StripeObject[]): void {
  pending.set(subscription, [...(pending.get(subscription) ?? []), ...lines]);
}

/** The adjustments waiting for the next invoice (copies, for a preview). */
export function peekPending(subscription: StripeObject): StripeObject[] {
  return structuredClone(pending.get(subscription) ?? []);
}

/** The adjustments waiting, handed to an invoice (and no longer pending). */
export function takePending(subscription: StripeObject): StripeObject[] {
  const lines = pending.get(subscription) ?? [];
  pending.delete(subscription);
  return lines;
}
