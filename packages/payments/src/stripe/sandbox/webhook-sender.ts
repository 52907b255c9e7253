import { type WebhookDelivery as KitDelivery, WebhookSender } from '@junction/testing';
import { stripeSigner } from '../index.js';
import type { StripeObject } from './store.js';

/** Where the sandbox delivers events, as a Stripe webhook endpoint would receive them. */
export interface SandboxWebhook {
  /** The endpoint URL, e.g. your loopback server's `/webhooks/stripe`. */
  url: string;
  /** The endpoint's signing secret, `whsec_…`. */
  secret: string;
  /** Only these event types (default: all). */
  events?: readonly string[];
  /** Further attempts after a failed delivery (non-2xx or network error). Default 2. */
  retries?: number;
  /** Wait between attempts. Default 50 ms (Stripe waits hours; tests should not). */
  retryDelayMs?: number;
  /** The fetch to deliver with. Default: the global one. */
  fetch?: typeof fetch;
}

/** One event's delivery, as the sandbox recorded it: the kit's record (payload, attempts, status) with the event's id and type. */
export type WebhookDelivery = KitDelivery & { eventId: string; type: string };

/** The kit's sender for Stripe: signed by `stripeSigner`, pretty-printed and with Stripe's headers. */
export function stripeWebhookSender(
  config: SandboxWebhook,
  nowMs: () => number,
): WebhookSender<StripeObject, { eventId: string; type: string }> {
  return new WebhookSender({
    url: config.url,
    signer: stripeSigner({ secret: config.secret }),
    // Stripe pretty-prints its deliveries; a receiver must verify the bytes as sent, not a re-serialization.
    serialize: (event) => JSON.stringify(event, null, 2),
    describe: (event) => ({ eventId: event.id, type: String(event.type) }),
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
    now: nowMs,
    ...(config.retries === undefined ? {} : { retries: config.retries }),
    ...(config.retryDelayMs === undefined ? {} : { retryDelayMs: config.retryDelayMs }),
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
}

/** Whether the endpoint takes events of `type` (`events`, or `*` for all). */
export function takesEvent(config: SandboxWebhook, type: string): boolean {
  return !config.events || config.events.includes(type) || config.events.includes('*');
}
