import { declineError, declineFields } from './card-decline.js';
import { buildCharge } from './charge-object.js';
import { namePaymentMethod } from './payment-method-attach.js';
import type { SandboxRuntime } from './runtime.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import type { TestPaymentMethod } from './test-payment-methods.js';

/**
 * The test card behind a payment method id: a stored PaymentMethod
 * (`pm_Sbx…`, made by attaching a test card) or a test token such as
 * `pm_card_visa`. Unknown is Stripe's 404; a detached one, Stripe's 400.
 */
export function paymentMethodOf(request: StripeRequest, id: string, param = 'payment_method'): TestPaymentMethod {
  return namePaymentMethod(request, id, param).card;
}

/**
 * Runs one payment attempt of `intent` with a test payment method: a charge
 * that succeeds (the intent succeeds, or awaits capture), fails (a 402
 * `card_error`, the intent back to `requires_payment_method` with
 * `last_payment_error`), or needs the customer (3-D Secure: `requires_action`).
 * The events are those Stripe sends for each.
 */
export function attemptPayment(
  request: StripeRequest,
  runtime: SandboxRuntime,
  intent: StripeObject,
  paymentMethodId: string,
  method: TestPaymentMethod,
  returnUrl: string | undefined,
): void {
  const outcome = method.outcome;
  if (outcome.kind === 'requires_action') {
    Object.assign(intent, {
      status: 'requires_action',
      payment_method: paymentMethodId,
      next_action: returnUrl
        ? {
            type: 'redirect_to_url',
            redirect_to_url: { url: `https://hooks.stripe.com/3d_secure_2/hosted?payment_intent=${intent.id}`, return_url: returnUrl },
          }
        : {
            type: 'use_stripe_sdk',
            use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `https://hooks.stripe.com/redirect/authenticate/${intent.id}` },
          },
    });
    runtime.events.record(request, 'payment_intent.requires_action', intent);
    return;
  }

  const manual = intent.capture_method === 'manual';
  const succeeded = outcome.kind === 'success';
  const amount = Number(intent.amount);
  const charge = buildCharge({
    id: runtime.ids.next('ch'),
    created: runtime.now(),
    livemode: request.livemode,
    amount,
    currency: String(intent.currency),
    customer: (intent.customer as string | null) ?? null,
    payment_intent: intent.id,
    payment_method: paymentMethodId,
    captured: succeeded && !manual,
    paid: succeeded,
    status: succeeded ? 'succeeded' : 'failed',
    failure_code: outcome.kind === 'decline' ? outcome.code : null,
    failure_message: outcome.kind === 'decline' ? outcome.message : null,
    outcome: succeeded
      ? {
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          seller_message: 'Payment complete.',
          type: 'authorized',
        }
      : {
          network_status: 'declined_by_network',
          reason: outcome.kind === 'decline' ? outcome.declineCode : null,
          risk_level: 'normal',
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        },
    card: { brand: method.brand, last4: method.last4, funding: method.funding, country: method.country },
  });
  request.store.charges.set(charge.id, charge);

  if (outcome.kind === 'decline') {
    const stored = request.store.paymentMethods.get(paymentMethodId);
    const paymentMethod = stored ? structuredClone(stored) : { id: paymentMethodId, object: 'payment_method', type: 'card' };
    const error = { ...declineFields(outcome), charge: charge.id };
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      latest_charge: charge.id,
      next_action: null,
      last_payment_error: { ...error, payment_method: paymentMethod },
    });
    runtime.events.record(request, 'charge.failed', charge);
    runtime.events.record(request, 'payment_intent.payment_failed', intent);
    throw declineError(outcome, { charge: charge.id, payment_intent: structuredClone(intent), payment_method: paymentMethod });
  }

  Object.assign(intent, {
    status: manual ? 'requires_capture' : 'succeeded',
    payment_method: paymentMethodId,
    latest_charge: charge.id,
    last_payment_error: null,
    next_action: null,
    amount_capturable: manual ? amount : 0,
    amount_received: manual ? 0 : amount,
  });
  runtime.events.record(request, 'charge.succeeded', charge);
  runtime.events.record(request, manual ? 'payment_intent.amount_capturable_updated' : 'payment_intent.succeeded', intent);
}
