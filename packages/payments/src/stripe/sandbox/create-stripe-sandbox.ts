import { defineSandbox } from '@junction/testing';
import type { HttpHandler } from 'msw';
import { STRIPE_API_VERSION, stripeConnector } from '../stripe-connector.js';
import { billingSettings, type SandboxBilling } from './billing-settings.js';
import { checkoutSessionHandlers } from './checkout-session-handlers.js';
import { clockFrom } from './clock.js';
import { type CompleteCheckoutOptions, completeCheckoutSession } from './complete-checkout.js';
import { customerHandlers } from './customer-handlers.js';
import { eventHandlers } from './event-handlers.js';
import { EventLog } from './event-log.js';
import { stripeIdempotencyLedger } from './idempotency-rules.js';
import { createStripeIds } from './ids.js';
import { invoiceHandlers } from './invoice-handlers.js';
import { invoicePdfHandlers } from './invoice-pdf.js';
import { fromTemplate } from './object-template.js';
import { invalidParamsResponse, unknownParamResponse } from './param-errors.js';
import { paymentIntentHandlers } from './payment-intent-handlers.js';
import { paymentMethodHandlers } from './payment-method-handlers.js';
import { portalHandlers } from './portal-handlers.js';
import { priceHandlers } from './price-handlers.js';
import { productHandlers } from './product-handlers.js';
import { type SandboxRateLimit, stripeRateLimiter } from './rate-limit.js';
import { refundHandlers } from './refund-handlers.js';
import type { SandboxRuntime } from './runtime.js';
import { checkRequest, handlerFailed, stripeHeaders } from './sandbox-hooks.js';
import { setupIntentHandlers } from './setup-intent-handlers.js';
import { SandboxState, type StripeObject } from './store.js';
import { toSandboxHandlers } from './stripe-handler.js';
import { subscriptionHandlers } from './subscription-handlers.js';
import { testClockHandlers } from './test-clock-handlers.js';
import { type SandboxWebhook, stripeWebhookSender, takesEvent, type WebhookDelivery } from './webhook-sender.js';

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
  /** How failed renewals are retried and when `invoice.upcoming` is sent (see {@link SandboxBilling}). */
  billing?: SandboxBilling;
  /** The origin of invoice PDF links (`invoice_pdf`). Default `https://pay.stripe.com`. */
  pdfOrigin?: string;
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
 * A local Stripe for tests and examples, built with the sandbox kit of
 * `@junction/testing` from `stripeConnector`'s own operations (method, path
 * and accepted parameters): msw handlers that keep customers,
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
  const ids = createStripeIds();
  const state = new SandboxState();
  const webhook = options.webhook ? stripeWebhookSender(options.webhook, nowMs) : undefined;
  const events = new EventLog({ ids, nowMs, webhooks: webhook !== undefined, state });
  if (options.webhook && webhook) {
    const config = options.webhook;
    events.recorder.subscribe((event) => {
      if (takesEvent(config, String(event.type))) webhook.send(event);
    });
  }
  const apiVersion = options.apiVersion ?? STRIPE_API_VERSION;
  const runtime: SandboxRuntime = {
    origin: new URL(options.origin ?? stripeConnector.baseUrl).origin,
    state,
    ids,
    now: clockFrom(nowMs),
    events,
    keys: new Set([apiKey, ...(options.apiKeys ?? [])]),
    apiVersion,
    pdfOrigin: new URL(options.pdfOrigin ?? 'https://pay.stripe.com').origin,
    billing: billingSettings(options.billing),
  };
  const ledger = stripeIdempotencyLedger();
  const sandbox = defineSandbox(
    stripeConnector,
    toSandboxHandlers(
      {
        ...customerHandlers,
        ...paymentIntentHandlers,
        ...refundHandlers,
        ...checkoutSessionHandlers,
        ...eventHandlers,
        ...subscriptionHandlers,
        ...invoiceHandlers,
        ...testClockHandlers,
        ...productHandlers,
        ...priceHandlers,
        ...paymentMethodHandlers,
        ...setupIntentHandlers,
        ...portalHandlers,
      },
      runtime,
    ),
    {
      origin: runtime.origin,
      // Stripe's schemas let unknown keys through so newer parameters can be sent; Stripe itself refuses them.
      known: 'declared',
      alwaysAccepted: ['expand'],
      refuse: unknownParamResponse,
      invalid: invalidParamsResponse,
      before: checkRequest(runtime.keys),
      idempotency: ledger,
      ...(options.rateLimit ? { rateLimit: stripeRateLimiter(options.rateLimit, nowMs) } : {}),
      requestId: () => ids.next('req'),
      after: stripeHeaders(apiVersion),
      failed: handlerFailed,
    },
  );
  const seed = () => seedState(state, options.seed === true);
  seed();

  return {
    handlers: [
      ...sandbox.handlers,
      ...invoicePdfHandlers({ origin: runtime.pdfOrigin, find: (id, account) => state.account(account).invoices.get(id) }),
    ],
    state,
    apiKey,
    origin: sandbox.origin,
    webhooks: { deliveries: webhook?.deliveries ?? [], flush: () => webhook?.flush() ?? Promise.resolve() },
    completeCheckoutSession: (id, completeOptions) => completeCheckoutSession(runtime, id, completeOptions),
    idempotencyKeys: () => ledger.keys(),
    reset() {
      state.clear();
      events.clear();
      ledger.clear();
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
  const add = (collection: { set(id: string, value: StripeObject): unknown }, object: Record<string, unknown>) =>
    collection.set(String(object.id), object as StripeObject);
  add(state.customers, fromTemplate('customer'));
  add(state.paymentIntents, fromTemplate('payment_intent'));
  add(state.charges, fromTemplate('charge'));
  add(state.refunds, fromTemplate('refund'));
  add(state.checkoutSessions, fromTemplate('checkout.session'));
}
