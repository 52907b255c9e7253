import { InputValidationError, parseLenient } from '@junction/core';
import { toIssues } from '@junction/core/utils';
import type { PaymentEvent } from '../../unified/events.js';
import { CheckoutSession, Customer, Event, PaymentIntent, Refund } from '../schemas/objects.generated.js';
import { fromUnix } from './convert.js';
import { CHECKOUT_TYPES, CUSTOMER_TYPES, PAYMENT_TYPES, REFUND_SOURCES, refundEventType } from './event-types.js';
import type { StripeRawTypes } from './raw-types.js';
import { toCheckoutSession } from './to-checkout-session.js';
import { toCustomer } from './to-customer.js';
import { toPayment } from './to-payment.js';
import { toRefund } from './to-refund.js';

/**
 * A Stripe event (a verified webhook payload, or one from `/v1/events`) in
 * unified form. An event type it does not map, or an object that does not
 * read as its type, becomes `type: 'unknown'` with Stripe's object in
 * `data`: an event is never dropped, and a webhook handler never fails
 * (and gets redelivered for days) over a shape it cannot read.
 */
export function toPaymentEvent(value: unknown): PaymentEvent<StripeRawTypes> {
  const parsed = parseLenient(Event, value);
  if (!parsed.success) {
    throw new InputValidationError(
      'Not a Stripe event: expected an object with id, type, created and data.object. Pass the parsed webhook body or an event from listEvents.',
      { issues: toIssues(parsed.error) },
    );
  }
  const event = parsed.data;
  const base = { id: event.id, providerType: event.type, createdAt: fromUnix(event.created), livemode: event.livemode, raw: event };
  const object = event.data.object;
  const unknown = (): PaymentEvent<StripeRawTypes> => ({ ...base, type: 'unknown', data: object });

  const customerType = CUSTOMER_TYPES[event.type];
  if (customerType) {
    const customer = parseLenient(Customer, object);
    return customer.success ? { ...base, type: customerType, data: toCustomer(customer.data) } : unknown();
  }
  const paymentType = PAYMENT_TYPES[event.type];
  if (paymentType) {
    const intent = parseLenient(PaymentIntent, object);
    return intent.success ? { ...base, type: paymentType, data: toPayment(intent.data) } : unknown();
  }
  const checkoutType = CHECKOUT_TYPES[event.type];
  if (checkoutType) {
    const session = parseLenient(CheckoutSession, object);
    return session.success ? { ...base, type: checkoutType, data: toCheckoutSession(session.data) } : unknown();
  }
  if ((REFUND_SOURCES as readonly string[]).includes(event.type)) {
    const refund = parseLenient(Refund, object);
    if (!refund.success) return unknown();
    const type = refundEventType(event.type, refund.data.status, event.data.previous_attributes);
    return { ...base, type, data: toRefund(refund.data) };
  }
  return unknown();
}
