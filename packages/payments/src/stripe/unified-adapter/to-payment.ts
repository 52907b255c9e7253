import type { Payment, PaymentStatus } from '../../unified/payment.js';
import type { PaymentIntent } from '../schemas/objects.generated.js';
import { fromUnix, idOf, upper } from './convert.js';

const STATUS: Record<string, PaymentStatus> = {
  requires_payment_method: 'requires_payment_method',
  requires_confirmation: 'requires_confirmation',
  requires_action: 'requires_action',
  processing: 'processing',
  requires_capture: 'requires_capture',
  succeeded: 'succeeded',
  canceled: 'canceled',
};

/**
 * A PaymentIntent as a unified payment. A decline leaves a PaymentIntent in
 * `requires_payment_method` with `last_payment_error` set: it can be
 * retried with another method, so it maps to that status with `failure`
 * filled in, not to `failed`. A status Stripe adds later maps to
 * `processing` ("not final, look again"), with Stripe's word in `providerStatus`.
 */
export function toPayment(intent: PaymentIntent): Payment<PaymentIntent> {
  const error = intent.last_payment_error;
  return {
    id: intent.id,
    amount: intent.amount,
    currency: upper(intent.currency),
    status: STATUS[intent.status] ?? 'processing',
    providerStatus: intent.status,
    captureMethod: intent.capture_method === 'manual' ? 'manual' : 'automatic',
    amountCapturable: intent.amount_capturable ?? 0,
    amountReceived: intent.amount_received ?? 0,
    customerId: idOf(intent.customer),
    paymentMethodId: idOf(intent.payment_method),
    description: intent.description ?? null,
    metadata: intent.metadata ?? {},
    failure: error ? { code: error.code ?? null, declineCode: error.decline_code ?? null, message: error.message ?? null } : null,
    clientSecret: intent.client_secret ?? null,
    createdAt: fromUnix(intent.created),
    raw: intent,
  };
}
