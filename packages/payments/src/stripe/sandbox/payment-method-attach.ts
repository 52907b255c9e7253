import { declineError } from './card-decline.js';
import { buildPaymentMethod, isSpent, markSpent, testCardOf } from './payment-method-object.js';
import type { SandboxRuntime } from './runtime.js';
import { noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import { TEST_PAYMENT_METHODS, type TestPaymentMethod } from './test-payment-methods.js';

/** A payment method a request names: the stored PaymentMethod if it is one, and the test card behind it. */
export interface NamedPaymentMethod {
  card: TestPaymentMethod;
  /** The sandbox's PaymentMethod (`pm_Sbx…`); absent for a test token such as `pm_card_visa`. */
  stored?: StripeObject;
}

/**
 * Resolves a payment method id: a stored PaymentMethod, else a test token.
 * Unknown is Stripe's 404; one detached from its customer is Stripe's 400,
 * as it may not be used again.
 */
export function namePaymentMethod(request: StripeRequest, id: string, param = 'payment_method'): NamedPaymentMethod {
  const stored = request.store.paymentMethods.get(id);
  const card = stored ? testCardOf(stored) : TEST_PAYMENT_METHODS[id];
  if (!card) throw noSuch('PaymentMethod', id, param);
  if (stored && isSpent(stored)) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      param,
      message:
        'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again. To use a PaymentMethod multiple times, you must attach it to a Customer first.',
    });
  }
  return stored ? { card, stored } : { card };
}

/**
 * The checks Stripe makes before attaching: the payment method is not
 * attached already (400), and the card passes the check made on attach
 * (a declining card's 402 `card_error`; `pm_card_chargeCustomerFail` passes).
 */
export function checkAttachable(named: NamedPaymentMethod): void {
  if (named.stored && named.stored.customer !== null) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      message: 'The payment method you provided has already been attached to a customer.',
    });
  }
  const outcome = named.card.outcome;
  if (!named.card.attaches && outcome.kind === 'decline') throw declineError(outcome);
}

/**
 * Attaches a payment method to `customer`, as Stripe does: a test token
 * becomes a new PaymentMethod (`pm_…`, a new id each time), a stored one
 * gets the customer; `payment_method.attached` is recorded. Returns the
 * stored PaymentMethod.
 */
export function attachPaymentMethod(
  request: StripeRequest,
  runtime: SandboxRuntime,
  named: NamedPaymentMethod,
  customer: string,
): StripeObject {
  checkAttachable(named);
  const paymentMethod = storePaymentMethod(request, runtime, named);
  paymentMethod.customer = customer;
  runtime.events.record(request, 'payment_method.attached', paymentMethod);
  return paymentMethod;
}

/** Keeps a test token as a PaymentMethod of no customer (a SetupIntent without one makes these). */
export function storePaymentMethod(request: StripeRequest, runtime: SandboxRuntime, named: NamedPaymentMethod): StripeObject {
  if (named.stored) return named.stored;
  const paymentMethod = buildPaymentMethod({
    id: runtime.ids.next('pm'),
    created: runtime.now(),
    livemode: request.livemode,
    customer: null,
    card: named.card,
  });
  request.store.paymentMethods.set(paymentMethod.id, paymentMethod);
  return paymentMethod;
}

/** Detaches a stored PaymentMethod from its customer for good, with `payment_method.detached`; returns the customer it had. */
export function detachPaymentMethod(request: StripeRequest, runtime: SandboxRuntime, paymentMethod: StripeObject): string {
  const customer = paymentMethod.customer;
  if (typeof customer !== 'string') {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      message: 'The payment method you provided is not attached to a customer so detachment is impossible.',
    });
  }
  paymentMethod.customer = null;
  markSpent(paymentMethod);
  runtime.events.record(request, 'payment_method.detached', paymentMethod, { customer });
  return customer;
}
