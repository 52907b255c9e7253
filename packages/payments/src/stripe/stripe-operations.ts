import { defineOperation } from '@junction/core';
import { z } from 'zod';
import { listPages, searchPages, stripeList, stripeSearchResult } from './stripe-lists.js';
import { CheckoutSession, Customer, DeletedCustomer, Event, LineItem, PaymentIntent, Refund } from './stripe-objects.generated.js';
import {
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  ConfirmPaymentIntentParams,
  CreateCheckoutSessionParams,
  CreateCustomerParams,
  CreatePaymentIntentParams,
  CreateRefundParams,
  DeleteCustomerParams,
  ExpireCheckoutSessionParams,
  ListCheckoutSessionLineItemsParams,
  ListCheckoutSessionsParams,
  ListCustomersParams,
  ListEventsParams,
  ListPaymentIntentsParams,
  ListRefundsParams,
  RetrieveCheckoutSessionParams,
  RetrieveCustomerParams,
  RetrieveEventParams,
  RetrievePaymentIntentParams,
  RetrieveRefundParams,
  SearchCustomersParams,
  SearchPaymentIntentsParams,
  UpdateCustomerParams,
  UpdatePaymentIntentParams,
} from './stripe-params.generated.js';

/** Customers: https://stripe.com/docs/api/customers */
export const customerOperations = {
  createCustomer: defineOperation({
    method: 'POST',
    path: '/v1/customers',
    input: CreateCustomerParams,
    output: Customer,
    encoding: 'form',
    description: 'Creates a customer.',
  }),
  retrieveCustomer: defineOperation({
    method: 'GET',
    path: '/v1/customers/{id}',
    input: RetrieveCustomerParams,
    // A deleted customer can still be retrieved, as a stub with `deleted: true`.
    output: z.union([Customer, DeletedCustomer]),
    description: 'Retrieves a customer (or the stub of a deleted one).',
  }),
  updateCustomer: defineOperation({
    method: 'POST',
    path: '/v1/customers/{id}',
    input: UpdateCustomerParams,
    output: Customer,
    encoding: 'form',
    description: "Updates a customer; an empty string unsets a field, `metadata: { key: '' }` one key.",
  }),
  deleteCustomer: defineOperation({
    method: 'DELETE',
    path: '/v1/customers/{id}',
    input: DeleteCustomerParams,
    output: DeletedCustomer,
    description: 'Deletes a customer for good.',
  }),
  listCustomers: defineOperation({
    method: 'GET',
    path: '/v1/customers',
    input: ListCustomersParams,
    output: stripeList(Customer),
    paginate: listPages<Customer>(),
    description: 'Lists customers, newest first; `email` filters by exact, case-sensitive address.',
  }),
  searchCustomers: defineOperation({
    method: 'GET',
    path: '/v1/customers/search',
    input: SearchCustomersParams,
    output: stripeSearchResult(Customer),
    paginate: searchPages<Customer>(),
    description: "Searches customers with Stripe's query language, e.g. `email:'jenny@example.com'`. Results lag writes by up to a minute.",
  }),
};

/** PaymentIntents: https://stripe.com/docs/api/payment_intents */
export const paymentIntentOperations = {
  createPaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents',
    input: CreatePaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Creates a PaymentIntent; with `confirm: true` it is confirmed at once.',
  }),
  retrievePaymentIntent: defineOperation({
    method: 'GET',
    path: '/v1/payment_intents/{id}',
    input: RetrievePaymentIntentParams,
    output: PaymentIntent,
    description: 'Retrieves a PaymentIntent.',
  }),
  updatePaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}',
    input: UpdatePaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Updates a PaymentIntent that is not yet confirmed (amount, metadata…).',
  }),
  listPaymentIntents: defineOperation({
    method: 'GET',
    path: '/v1/payment_intents',
    input: ListPaymentIntentsParams,
    output: stripeList(PaymentIntent),
    paginate: listPages<PaymentIntent>(),
    description: 'Lists PaymentIntents, newest first.',
  }),
  searchPaymentIntents: defineOperation({
    method: 'GET',
    path: '/v1/payment_intents/search',
    input: SearchPaymentIntentsParams,
    output: stripeSearchResult(PaymentIntent),
    paginate: searchPages<PaymentIntent>(),
    description: "Searches PaymentIntents with Stripe's query language, e.g. `status:'succeeded'`.",
  }),
  confirmPaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}/confirm',
    input: ConfirmPaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Confirms a PaymentIntent: attempts the payment with its payment method.',
  }),
  capturePaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}/capture',
    input: CapturePaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Captures the funds of a PaymentIntent in `requires_capture`.',
  }),
  cancelPaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}/cancel',
    input: CancelPaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Cancels a PaymentIntent that has not succeeded.',
  }),
};

/** Refunds: https://stripe.com/docs/api/refunds */
export const refundOperations = {
  createRefund: defineOperation({
    method: 'POST',
    path: '/v1/refunds',
    input: CreateRefundParams,
    output: Refund,
    encoding: 'form',
    description: 'Refunds a payment, in full or (with `amount`) in part.',
  }),
  retrieveRefund: defineOperation({
    method: 'GET',
    path: '/v1/refunds/{id}',
    input: RetrieveRefundParams,
    output: Refund,
    description: 'Retrieves a refund.',
  }),
  listRefunds: defineOperation({
    method: 'GET',
    path: '/v1/refunds',
    input: ListRefundsParams,
    output: stripeList(Refund),
    paginate: listPages<Refund>(),
    description: 'Lists refunds, newest first; filter by `payment_intent` or `charge`.',
  }),
};

/** Checkout Sessions: https://stripe.com/docs/api/checkout/sessions */
export const checkoutSessionOperations = {
  createCheckoutSession: defineOperation({
    method: 'POST',
    path: '/v1/checkout/sessions',
    input: CreateCheckoutSessionParams,
    output: CheckoutSession,
    encoding: 'form',
    description: "Creates a Checkout Session: a Stripe-hosted payment page at the session's `url`.",
  }),
  retrieveCheckoutSession: defineOperation({
    method: 'GET',
    path: '/v1/checkout/sessions/{id}',
    input: RetrieveCheckoutSessionParams,
    output: CheckoutSession,
    description: 'Retrieves a Checkout Session.',
  }),
  listCheckoutSessions: defineOperation({
    method: 'GET',
    path: '/v1/checkout/sessions',
    input: ListCheckoutSessionsParams,
    output: stripeList(CheckoutSession),
    paginate: listPages<CheckoutSession>(),
    description: 'Lists Checkout Sessions, newest first.',
  }),
  expireCheckoutSession: defineOperation({
    method: 'POST',
    path: '/v1/checkout/sessions/{id}/expire',
    input: ExpireCheckoutSessionParams,
    output: CheckoutSession,
    encoding: 'form',
    description: 'Expires an open Checkout Session, so it can no longer be paid.',
  }),
  listCheckoutSessionLineItems: defineOperation({
    method: 'GET',
    path: '/v1/checkout/sessions/{id}/line_items',
    input: ListCheckoutSessionLineItemsParams,
    output: stripeList(LineItem),
    paginate: listPages<LineItem>(),
    description: "Lists a Checkout Session's line items.",
  }),
};

/** Events: https://stripe.com/docs/api/events (the last 30 days; the polling fallback for webhooks). */
export const eventOperations = {
  listEvents: defineOperation({
    method: 'GET',
    path: '/v1/events',
    input: ListEventsParams,
    output: stripeList(Event),
    paginate: listPages<Event>(),
    description: 'Lists events, newest first; filter with `types` and `created[gte]`.',
  }),
  retrieveEvent: defineOperation({
    method: 'GET',
    path: '/v1/events/{id}',
    input: RetrieveEventParams,
    output: Event,
    description: 'Retrieves an event.',
  }),
};

/** Every operation of the Stripe connector; each becomes a client method of the same name. */
export const stripeOperations = {
  ...customerOperations,
  ...paymentIntentOperations,
  ...refundOperations,
  ...checkoutSessionOperations,
  ...eventOperations,
};
