import type { SandboxRuntime } from './runtime.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** One day in Stripe's unit, seconds. */
export const DAY = 86_400;

/** A recurring price's period: `interval_count` of `interval`. */
export interface Recurring {
  interval: 'day' | 'week' | 'month' | 'year';
  interval_count: number;
}

/** `count` intervals after `anchor` (unix seconds); months clamp to the month's last day, as Stripe bills the 31st. */
export function addIntervals(anchor: number, { interval, interval_count }: Recurring, count: number): number {
  const n = interval_count * count;
  if (interval === 'day' || interval === 'week') return anchor + n * (interval === 'day' ? DAY : 7 * DAY);
  const date = new Date(anchor * 1000);
  const months = interval === 'year' ? 12 * n : n;
  const target = new Date(date);
  target.setUTCDate(1);
  target.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

/** The first period boundary after `after`, counted from the billing cycle `anchor` (so the 31st stays the 31st). */
export function periodEndAfter(anchor: number, recurring: Recurring, after: number): number {
  let count = 1;
  while (addIntervals(anchor, recurring, count) <= after) count++;
  return addIntervals(anchor, recurring, count);
}

/**
 * The runtime as seen by a customer: on a test clock, its frozen time is
 * now for everything the customer's objects do; otherwise the sandbox's clock.
 */
export function runtimeFor(request: StripeRequest, runtime: SandboxRuntime, customer: StripeObject): SandboxRuntime {
  const clockId = customer.test_clock;
  if (typeof clockId !== 'string') return runtime;
  const clock = request.store.testClocks.get(clockId);
  return clock ? runtimeAt(runtime, Number(clock.frozen_time)) : runtime;
}

/** The runtime on the clock of the customer that `object` (a subscription, an invoice, a PaymentIntent) belongs to. */
export function runtimeOfCustomer(request: StripeRequest, runtime: SandboxRuntime, object: StripeObject): SandboxRuntime {
  const customer = request.store.customers.get(String(object.customer));
  return customer ? runtimeFor(request, runtime, customer) : runtime;
}

/** The runtime with its clock stopped at `time` (unix seconds). */
export function runtimeAt(runtime: SandboxRuntime, time: number): SandboxRuntime {
  return { ...runtime, now: () => time };
}
