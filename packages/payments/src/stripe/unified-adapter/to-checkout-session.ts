import type { CheckoutSession } from '../../unified/checkout-session.js';
import type { CheckoutSession as StripeCheckoutSession } from '../schemas/objects.generated.js';
import { fromUnix, idOf, upper } from './convert.js';

/** A Stripe Checkout Session as a unified checkout session. */
export function toCheckoutSession(session: StripeCheckoutSession): CheckoutSession<StripeCheckoutSession> {
  const email = (session.customer_details as { email?: string | null } | null | undefined)?.email ?? session.customer_email ?? null;
  return {
    id: session.id,
    url: session.url ?? null,
    status: session.status === 'complete' ? 'complete' : session.status === 'expired' ? 'expired' : 'open',
    paymentStatus:
      session.payment_status === 'paid' ? 'paid' : session.payment_status === 'no_payment_required' ? 'no_payment_required' : 'unpaid',
    amountTotal: session.amount_total ?? null,
    currency: session.currency ? upper(session.currency) : null,
    customerId: idOf(session.customer),
    customerEmail: email,
    paymentId: idOf(session.payment_intent),
    clientReferenceId: session.client_reference_id ?? null,
    successUrl: session.success_url ?? null,
    cancelUrl: session.cancel_url ?? null,
    metadata: session.metadata ?? {},
    expiresAt: fromUnix(session.expires_at),
    createdAt: fromUnix(session.created),
    raw: session,
  };
}
