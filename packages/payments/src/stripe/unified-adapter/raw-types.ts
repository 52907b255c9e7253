import type { RawTypes } from '../../unified/raw-types.js';
import type { CheckoutSession, Customer, Event, PaymentIntent, Refund } from '../schemas/objects.generated.js';

/** The Stripe objects behind each unified model: `payment.raw` is a PaymentIntent, and so on. */
export interface StripeRawTypes extends RawTypes {
  customer: Customer;
  payment: PaymentIntent;
  refund: Refund;
  checkoutSession: CheckoutSession;
  event: Event;
}
