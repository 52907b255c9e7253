import { secretSuffix } from './ids.js';
import { attemptPayment, paymentMethodOf } from './payment-attempt.js';
import { buildPaymentIntent } from './payment-intent-object.js';
import type { SandboxRuntime } from './runtime.js';
import { noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** How the simulated customer pays a Checkout Session. */
export interface CompleteCheckoutOptions {
  /** A test payment method; default `pm_card_visa`. A declining one leaves the session open. */
  paymentMethod?: string;
  /** The email the customer types in; default the session's `customer_email`, else `customer@example.com`. */
  email?: string;
  /** The Connect account the session belongs to. */
  account?: string;
}

/**
 * Does what a customer does on the hosted page: pays. The session gets a
 * succeeded PaymentIntent and becomes `complete` / `paid`, with the events
 * Stripe sends (ending with `checkout.session.completed`). Stripe has no
 * API for this; in test mode a person clicks through the page.
 */
export function completeCheckoutSession(runtime: SandboxRuntime, id: string, options: CompleteCheckoutOptions = {}): StripeObject {
  const store = runtime.state.account(options.account);
  const session = store.checkoutSessions.get(id);
  if (!session) throw new Error(noSuch('checkout.session', id).message);
  if (session.status !== 'open') throw new Error(`Checkout Session ${id} is ${String(session.status)}, not open.`);
  const origin: StripeRequest = {
    store,
    ...(options.account ? { account: options.account } : {}),
    livemode: session.livemode === true,
    requestId: null,
    idempotencyKey: null,
    apiVersion: runtime.apiVersion,
  };
  const paymentMethod = options.paymentMethod ?? 'pm_card_visa';
  const intentId = runtime.ids.next('pi');
  const intent = buildPaymentIntent({
    id: intentId,
    created: runtime.now(),
    livemode: origin.livemode,
    amount: Number(session.amount_total),
    currency: String(session.currency),
    status: 'requires_confirmation',
    capture_method: 'automatic',
    confirmation_method: 'automatic',
    client_secret: `${intentId}_secret_${secretSuffix(runtime.ids)}`,
    customer: (session.customer as string | null) ?? null,
    payment_method: paymentMethod,
    payment_method_types: ['card'],
    automatic_payment_methods: null,
    description: null,
    metadata: {},
    receipt_email: null,
  });
  store.paymentIntents.set(intentId, intent);
  runtime.events.record(origin, 'payment_intent.created', intent);
  try {
    attemptPayment(origin, runtime, intent, paymentMethod, paymentMethodOf(origin, paymentMethod), undefined);
  } catch (error) {
    if (error instanceof SandboxError) return session;
    throw error;
  }
  const email = options.email ?? (session.customer_email as string | null) ?? 'customer@example.com';
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    payment_intent: intentId,
    url: null,
    customer_details: { address: null, email, name: null, phone: null, tax_exempt: 'none', tax_ids: [] },
  });
  runtime.events.record(origin, 'checkout.session.completed', session);
  return session;
}
