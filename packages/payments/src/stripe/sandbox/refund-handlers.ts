import { filterCreated, listPage, newestFirst } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { intentOf } from './payment-intent-handlers.js';
import { buildRefund } from './refund-object.js';
import { invalidParam, noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

function chargeToRefund(params: { charge?: string; payment_intent?: string }, request: StripeRequest): StripeObject {
  const chargeId = params.charge;
  const intentId = params.payment_intent;
  if (chargeId) {
    const charge = request.store.charges.get(chargeId);
    if (!charge) throw noSuch('charge', chargeId, 'charge');
    return charge;
  }
  if (!intentId) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      code: 'parameter_missing',
      message: 'One of the following params should be provided for this request: payment_intent or charge.',
    });
  }
  const intent = intentOf(request, intentId, 'payment_intent');
  const charge = intent.status === 'succeeded' ? request.store.charges.get(String(intent.latest_charge)) : undefined;
  if (!charge) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      code: 'charge_not_refundable',
      param: 'payment_intent',
      message: `This PaymentIntent (${intentId}) does not have a successful charge to refund.`,
    });
  }
  return charge;
}

/** Refunds: create (from a PaymentIntent or a charge), retrieve, list. */
export const refundHandlers: StripeHandlers = {
  createRefund: (params, request, runtime) => {
    const charge = chargeToRefund(params, request);
    const captured = Number(charge.amount_captured);
    const left = captured - Number(charge.amount_refunded);
    if (left <= 0) {
      throw new SandboxError(400, {
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge ${charge.id} has already been refunded.`,
        doc_url: 'https://stripe.com/docs/error-codes/charge-already-refunded',
      });
    }
    const amount = params.amount ?? left;
    if (amount < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
    if (amount > left) {
      throw new SandboxError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        param: 'amount',
        message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
      });
    }
    const reason = params.reason;
    if (reason !== undefined && !REASONS.includes(reason)) {
      throw invalidParam('reason', `Invalid reason: must be one of ${REASONS.join(', ')}`);
    }
    const refund = buildRefund({
      id: runtime.ids.next('re'),
      created: runtime.now(),
      amount,
      currency: String(charge.currency),
      charge: charge.id,
      payment_intent: (charge.payment_intent as string | null) ?? null,
      reason: reason ?? null,
      metadata: mergeMetadata({}, params.metadata),
      // Card refunds succeed at once in test mode.
      status: 'succeeded',
    });
    request.store.refunds.set(refund.id, refund);
    const refunded = Number(charge.amount_refunded) + amount;
    Object.assign(charge, { amount_refunded: refunded, refunded: refunded >= captured });
    const refunds = charge.refunds as { data: StripeObject[] };
    refunds.data = [refund, ...refunds.data];
    runtime.events.record(request, 'refund.created', refund);
    runtime.events.record(request, 'charge.refunded', charge);
    return refund;
  },

  listRefunds: (params, request) => {
    const items = filterCreated(newestFirst(request.store.refunds.values()), params.created).filter(
      (r) =>
        (params.payment_intent === undefined || r.payment_intent === params.payment_intent) &&
        (params.charge === undefined || r.charge === params.charge),
    );
    return listPage(items, params, '/v1/refunds');
  },

  retrieveRefund: (params, request) => {
    const found = request.store.refunds.get(params.id);
    if (!found) throw noSuch('refund', params.id);
    return found;
  },
};
