import type { SandboxRuntime } from './runtime.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** What Stripe does on its own (a renewal, a retry) has no request: its events say `request.id: null`. */
export function automatic(request: StripeRequest): StripeRequest {
  return { ...request, requestId: null, idempotencyKey: null };
}

/**
 * Applies `change` to a subscription and records `customer.subscription.updated`
 * with the previous values of what changed; nothing is recorded when nothing did.
 */
export function changeSubscription(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  change: Record<string, unknown>,
): void {
  const previous: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(change)) {
    if (JSON.stringify(subscription[name]) === JSON.stringify(value)) continue;
    previous[name] = structuredClone(subscription[name]);
    subscription[name] = value;
  }
  if (Object.keys(previous).length > 0) runtime.events.record(request, 'customer.subscription.updated', subscription, previous);
}

/** Ends a subscription now (`customer.subscription.deleted`); `reason` is Stripe's `cancellation_details.reason`. */
export function endSubscription(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  reason: 'cancellation_requested' | 'payment_failed',
  at = runtime.now(),
): void {
  const details = subscription.cancellation_details as Record<string, unknown>;
  Object.assign(subscription, {
    status: 'canceled',
    ended_at: at,
    canceled_at: subscription.canceled_at ?? at,
    cancellation_details: { ...details, reason: details.reason ?? reason },
  });
  runtime.events.record(request, 'customer.subscription.deleted', subscription);
}
