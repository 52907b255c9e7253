import type { HttpHandler } from 'msw';
import { STRIPE_API_VERSION } from '../stripe-connector.js';
import { checkoutSessionRoutes } from './checkout-session-handlers.js';
import { clockFrom } from './clock.js';
import { type CompleteCheckoutOptions, completeCheckoutSession } from './complete-checkout.js';
import { customerRoutes } from './customer-handlers.js';
import { eventRoutes } from './event-handlers.js';
import { EventRecorder } from './event-recorder.js';
import { IdempotencyLedger } from './idempotency-ledger.js';
import { IdGenerator } from './ids.js';
import { fromTemplate } from './object-template.js';
import { paymentIntentRoutes } from './payment-intent-handlers.js';
import { RateWindow, type SandboxRateLimit } from './rate-window.js';
import { refundRoutes } from './refund-handlers.js';
import { toHandler } from './route.js';
import type { SandboxRuntime } from './runtime.js';
import { SandboxState, type StripeObject } from './store.js';
import { type SandboxWebhook, type WebhookDelivery, WebhookSender } from './webhook-sender.js';

/** The key a sandbox accepts unless told otherwise. */
export const SANDBOX_API_KEY = 'sk_test_junction_sandbox_0000000000';

/** Options for {@link createStripeSandbox}. */
export interface StripeSandboxOptions {
  /** The secret key requests must carry. Default {@link SANDBOX_API_KEY}. A `sk_live_` key makes live-mode objects. */
  apiKey?: string;
  /** More keys to accept (a restricted key, a second account's). */
  apiKeys?: readonly string[];
  /** The origin the handlers answer on. Default `https://api.stripe.com`. */
  origin?: string;
  /** The API version assumed when a request sends no `Stripe-Version`. Default 2023-08-16. */
  apiVersion?: string;
  /** Deliver every event, signed, to this endpoint. */
  webhook?: SandboxWebhook;
  /** Answer 429 past this rate, as Stripe does past its limits. */
  rateLimit?: SandboxRateLimit;
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Start with Stripe's sample customer, PaymentIntent, charge, refund and Checkout Session in the platform account. */
  seed?: boolean;
}

/** A local Stripe: msw handlers with state, and what a test needs to look inside. */
export interface StripeSandbox {
  /** Give these to msw's `setupServer` (in process) or `startLoopbackServer` (over 127.0.0.1). */
  readonly handlers: HttpHandler[];
  /** Every object and event, by account: inspect it in tests. */
  readonly state: SandboxState;
  /** The key the sandbox accepts. */
  readonly apiKey: string;
  /** The origin the handlers answer on. */
  readonly origin: string;
  /** Webhook deliveries made so far, and a way to wait for those under way. */
  readonly webhooks: { readonly deliveries: readonly WebhookDelivery[]; flush(): Promise<void> };
  /** Pays a Checkout Session as a customer would on the hosted page (see `CompleteCheckoutOptions`). */
  completeCheckoutSession(id: string, options?: CompleteCheckoutOptions): StripeObject;
  /** The idempotency keys seen, in order of first use. */
  idempotencyKeys(): string[];
  /** Forgets every object, event and idempotency key. */
  reset(): void;
}

/**
 * A local Stripe for tests and examples: msw handlers that keep customers,
 * PaymentIntents (test payment methods such as `pm_card_visa` and
 * `pm_card_chargeDeclined`), refunds and Checkout Sessions; check the secret
 * key; answer Stripe's error bodies; replay idempotent requests; record
 * events on `/v1/events` and, with `webhook`, deliver them signed.
 *
 * @example
 * const sandbox = createStripeSandbox();
 * const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: 'https://api.stripe.com' });
 * const stripe = createStripeClient({ apiKey: sandbox.apiKey, baseUrl: server.url });
 */
export function createStripeSandbox(options: StripeSandboxOptions = {}): StripeSandbox {
  const apiKey = options.apiKey ?? SANDBOX_API_KEY;
  const nowMs = options.now ?? Date.now;
  const now = clockFrom(nowMs);
  const ids = new IdGenerator();
  const state = new SandboxState();
  const webhook = options.webhook ? new WebhookSender(options.webhook, now) : undefined;
  const runtime: SandboxRuntime = {
    origin: new URL(options.origin ?? 'https://api.stripe.com').origin,
    state,
    ids,
    now,
    events: new EventRecorder(ids, now, webhook),
    ledger: new IdempotencyLedger(),
    keys: new Set([apiKey, ...(options.apiKeys ?? [])]),
    apiVersion: options.apiVersion ?? STRIPE_API_VERSION,
    ...(options.rateLimit
      ? {
          rate: {
            window: new RateWindow(options.rateLimit, nowMs),
            ...(options.rateLimit.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.rateLimit.retryAfterSeconds }),
          },
        }
      : {}),
  };
  const seed = () => seedState(state, options.seed === true);
  seed();

  const routes = [...customerRoutes, ...paymentIntentRoutes, ...refundRoutes, ...checkoutSessionRoutes, ...eventRoutes];
  return {
    handlers: routes.map((route) => toHandler(route, runtime)),
    state,
    apiKey,
    origin: runtime.origin,
    webhooks: { deliveries: webhook?.deliveries ?? [], flush: () => webhook?.flush() ?? Promise.resolve() },
    completeCheckoutSession: (id, completeOptions) => completeCheckoutSession(runtime, id, completeOptions),
    idempotencyKeys: () => runtime.ledger.keys(),
    reset() {
      state.clear();
      runtime.ledger.clear();
      ids.reset();
      seed();
    },
  };
}

// The sample line item's price is always there, so `line_items[0][price]` has something to name.
function seedState(state: SandboxState, samples: boolean): void {
  const price = (fromTemplate('item') as { price: StripeObject }).price;
  state.prices.set(price.id, price);
  if (!samples) return;
  const add = (map: Map<string, StripeObject>, object: Record<string, unknown>) => map.set(String(object.id), object as StripeObject);
  add(state.customers, fromTemplate('customer'));
  add(state.paymentIntents, fromTemplate('payment_intent'));
  add(state.charges, fromTemplate('charge'));
  add(state.refunds, fromTemplate('refund'));
  add(state.checkoutSessions, fromTemplate('checkout.session'));
}
