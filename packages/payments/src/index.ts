/**
 * `@junction/payments`: a provider-neutral payments interface. Providers live
 * at subpaths (`@junction/payments/stripe`), each with a sandbox.
 *
 * Amounts are integers in the currency's minor unit; currencies are ISO 4217
 * codes, given back in upper case.
 *
 * @module
 */

export { Address, AddressInput } from './unified/address.js';
export { CheckoutLineItem, CheckoutSession, CreateCheckoutSessionInput } from './unified/checkout-session.js';
export { CreateCustomerInput, Customer, ListCustomersFilter, UpdateCustomerInput } from './unified/customer.js';
export {
  CHECKOUT_EVENT_TYPES,
  type CheckoutEvent,
  CUSTOMER_EVENT_TYPES,
  type CustomerEvent,
  INVOICE_EVENT_TYPES,
  type InvoiceEvent,
  ListEventsFilter,
  PAYMENT_EVENT_TYPE_LIST,
  PAYMENT_EVENT_TYPES,
  type PaymentChangeEvent,
  PaymentEvent,
  type PaymentEventOf,
  type PaymentEventType,
  REFUND_EVENT_TYPES,
  type RefundEvent,
  SUBSCRIPTION_EVENT_TYPES,
  type SubscriptionEvent,
  type UnknownPaymentEvent,
} from './unified/events.js';
export { Invoice, InvoiceStatus, ListInvoicesFilter, PayInvoiceInput } from './unified/invoice.js';
export { Amount, Currency, Metadata, Money, Timestamp } from './unified/money.js';
export {
  CancelPaymentInput,
  CaptureMethod,
  CapturePaymentInput,
  ConfirmPaymentInput,
  CreatePaymentInput,
  ListPaymentsFilter,
  Payment,
  PaymentFailure,
  PaymentStatus,
} from './unified/payment.js';
export type {
  CheckoutApi,
  CustomersApi,
  EventsApi,
  InvoicesApi,
  PaymentsApi,
  PaymentsProvider,
  RefundsApi,
  SubscriptionsApi,
} from './unified/payments-provider.js';
export type { RawTypes } from './unified/raw-types.js';
export { CreateRefundInput, Refund, RefundReason, RefundStatus } from './unified/refund.js';
export type { RequestOptions } from './unified/request-options.js';
export {
  CancelSubscriptionInput,
  ChangePlanInput,
  CreateSubscriptionInput,
  ListSubscriptionsFilter,
  Proration,
  Subscription,
  SubscriptionItem,
  SubscriptionItemInput,
  SubscriptionStatus,
} from './unified/subscription.js';
export { isUnsupportedFeatureError, UnsupportedFeatureError } from './unified/unsupported.js';
export type { WithRaw } from './unified/with-raw.js';
