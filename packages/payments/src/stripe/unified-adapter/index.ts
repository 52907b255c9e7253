export { refundEventType, stripeTypesFor } from './event-types.js';
export {
  PAYMENT_EVENT_SCHEMAS,
  type PaymentEventSchemas,
  paymentEventType,
  type StripePaymentPollOptions,
  stripePaymentPoll,
  stripePaymentWebhooks,
} from './payment-events.js';
export type { StripeRawTypes } from './raw-types.js';
export { type StripePayments, stripePayments } from './stripe-payments.js';
export { toCheckoutSession } from './to-checkout-session.js';
export { toCustomer } from './to-customer.js';
export { toPaymentEvent } from './to-event.js';
export { toPayment } from './to-payment.js';
export { toRefund } from './to-refund.js';
