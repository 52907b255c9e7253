import { CreateRefundParams, ListRefundsParams, RetrieveRefundParams } from '../stripe-params.generated.js';
import { integer, stringMap, text } from './coerce.js';
import { knownParams } from './known-params.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import { intentOf } from './payment-intent-handlers.js';
import { buildRefund } from './refund-object.js';
import type { Route, RouteRequest } from './route.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';

const REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

function chargeToRefund(request: RouteRequest): StripeObject {
  const chargeId = text(request.params, 'charge');
  const intentId = text(request.params, 'payment_intent');
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

function create(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const charge = chargeToRefund(request);
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
  const amount = integer(request.params, 'amount') ?? left;
  if (amount < 1) throw invalidParam('amount', 'This value must be greater than or equal to 1.', 'parameter_invalid_integer');
  if (amount > left) {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      code: 'amount_too_large',
      param: 'amount',
      message: `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`,
    });
  }
  const reason = text(request.params, 'reason');
  if (reason !== undefined && !REASONS.includes(reason)) {
    throw invalidParam('reason', `Invalid reason: must be one of ${REASONS.join(', ')}`);
  }
  const metadata = stringMap(request.params, 'metadata');
  const refund = buildRefund({
    id: runtime.ids.next('re'),
    created: runtime.now(),
    amount,
    currency: String(charge.currency),
    charge: charge.id,
    payment_intent: (charge.payment_intent as string | null) ?? null,
    reason: reason ?? null,
    metadata: metadata === '' || metadata === undefined ? {} : metadata,
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
}

/** Refunds: create (from a PaymentIntent or a charge), retrieve, list. */
export const refundRoutes: Route[] = [
  { method: 'post', path: '/v1/refunds', known: knownParams(CreateRefundParams), handle: create },
  {
    method: 'get',
    path: '/v1/refunds',
    known: knownParams(ListRefundsParams),
    handle: (request) => {
      const intent = text(request.params, 'payment_intent');
      const charge = text(request.params, 'charge');
      const items = filterCreated(newestFirst(request.store.refunds.values()), request.params).filter(
        (r) => (intent === undefined || r.payment_intent === intent) && (charge === undefined || r.charge === charge),
      );
      return listPage(items, request.params, '/v1/refunds');
    },
  },
  {
    method: 'get',
    path: '/v1/refunds/:id',
    known: knownParams(RetrieveRefundParams),
    handle: (request) => {
      const id = request.path.id ?? '';
      const found = request.store.refunds.get(id);
      if (!found) throw noSuch('refund', id);
      return found;
    },
  },
];
