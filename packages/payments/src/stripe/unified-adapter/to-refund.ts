import type { Refund, RefundStatus } from '../../unified/refund.js';
import type { Refund as StripeRefund } from '../schemas/objects.generated.js';
import { fromUnix, idOf, upper } from './convert.js';

const STATUS: Record<string, RefundStatus> = {
  pending: 'pending',
  requires_action: 'requires_action',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'canceled',
};

/** A Stripe refund as a unified refund; a status Stripe adds later (or none) reads as `pending`. */
export function toRefund(refund: StripeRefund): Refund<StripeRefund> {
  return {
    id: refund.id,
    paymentId: idOf(refund.payment_intent),
    amount: refund.amount,
    currency: upper(refund.currency),
    status: (refund.status && STATUS[refund.status]) || 'pending',
    providerStatus: refund.status ?? null,
    reason: refund.reason ?? null,
    metadata: refund.metadata ?? {},
    createdAt: fromUnix(refund.created),
    raw: refund,
  };
}
