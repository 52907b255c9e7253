import { ApiError, InputValidationError } from '@junction/core';
import { removeUndefined } from '@junction/core/utils';
import { CreateCheckoutSessionInput } from '../unified/checkout-session.js';
import { CreateCustomerInput, ListCustomersFilter, UpdateCustomerInput } from '../unified/customer.js';
import { ListEventsFilter } from '../unified/events.js';
import {
  CancelPaymentInput,
  CapturePaymentInput,
  ConfirmPaymentInput,
  CreatePaymentInput,
  ListPaymentsFilter,
} from '../unified/payment.js';
import type { PaymentsProvider } from '../unified/payments-provider.js';
import { CreateRefundInput } from '../unified/refund.js';
import { createStripeClient, type StripeClient, type StripeClientOptions } from './stripe-connector.js';
import { stripeInvoices, stripeSubscriptions } from './stripe-payments-billing.js';
import {
  callOptions,
  createdRange,
  type StripeRawTypes,
  toCheckoutSession,
  toCustomer,
  toPayment,
  toRefund,
} from './stripe-payments-convert.js';
import { stripeTypesFor, toPaymentEvent } from './stripe-payments-events.js';
import {
  cancelPaymentParams,
  capturePaymentParams,
  confirmPaymentParams,
  createCheckoutParams,
  createCustomerParams,
  createPaymentParams,
  createRefundParams,
  updateCustomerParams,
  validateInput,
} from './stripe-payments-params.js';

/** The unified payments interface over Stripe; `client` is the full Stripe client for everything else. */
export interface StripePayments extends PaymentsProvider<StripeRawTypes> {
  readonly provider: 'stripe';
  /** The Stripe client underneath, for what the unified interface leaves out. */
  readonly client: StripeClient;
}

/**
 * Implements the unified payments interface with Stripe: customers are
 * Customers, payments are PaymentIntents, checkouts are Checkout Sessions,
 * subscriptions and invoices are Stripe's own.
 * Pass a Stripe client, or the options to make one.
 *
 * @example
 * const payments = stripePayments({ apiKey: process.env.STRIPE_SECRET_KEY! });
 * const payment = await payments.payments.create({ amount: 1099, currency: 'USD', paymentMethod: 'pm_card_visa', confirm: true });
 */
export function stripePayments(clientOrOptions: StripeClient | StripeClientOptions): StripePayments {
  const client: StripeClient = 'apiKey' in clientOrOptions ? createStripeClient(clientOrOptions) : clientOrOptions;

  return {
    provider: 'stripe',
    client,
    customers: {
      async create(input, options) {
        const valid = validateInput(CreateCustomerInput, input, 'customers.create');
        return toCustomer(await client.createCustomer(createCustomerParams(valid), callOptions(options)));
      },
      async get(id, options) {
        const found = await client.retrieveCustomer({ id }, callOptions(options));
        if ('deleted' in found && found.deleted === true) throw deletedCustomer(id);
        return toCustomer(found as Exclude<typeof found, { deleted: true }>);
      },
      async update(id, input, options) {
        const valid = validateInput(UpdateCustomerInput, input, 'customers.update');
        return toCustomer(await client.updateCustomer(updateCustomerParams(id, valid), callOptions(options)));
      },
      async *list(filter, options) {
        const valid = validateInput(ListCustomersFilter, filter, 'customers.list');
        const params = removeUndefined({
          email: valid.email,
          created: createdRange(valid.createdAfter, valid.createdBefore),
          limit: valid.pageSize,
        });
        for await (const customer of client.listCustomers.items(params, callOptions(options))) yield toCustomer(customer);
      },
      // The list endpoint's exact `email` filter, not /v1/customers/search: search lags writes by up to a minute.
      async *searchByEmail(email, options) {
        for await (const customer of client.listCustomers.items({ email, limit: 100 }, callOptions(options))) yield toCustomer(customer);
      },
    },
    payments: {
      async create(input, options) {
        const valid = validateInput(CreatePaymentInput, input, 'payments.create');
        return toPayment(await client.createPaymentIntent(createPaymentParams(valid), callOptions(options)));
      },
      async confirm(id, input, options) {
        const valid = validateInput(ConfirmPaymentInput, input, 'payments.confirm');
        return toPayment(await client.confirmPaymentIntent(confirmPaymentParams(id, valid), callOptions(options)));
      },
      async capture(id, input, options) {
        const valid = validateInput(CapturePaymentInput, input, 'payments.capture');
        return toPayment(await client.capturePaymentIntent(capturePaymentParams(id, valid), callOptions(options)));
      },
      async cancel(id, input, options) {
        const valid = validateInput(CancelPaymentInput, input, 'payments.cancel');
        return toPayment(await client.cancelPaymentIntent(cancelPaymentParams(id, valid), callOptions(options)));
      },
      async get(id, options) {
        return toPayment(await client.retrievePaymentIntent({ id }, callOptions(options)));
      },
      async *list(filter, options) {
        const valid = validateInput(ListPaymentsFilter, filter, 'payments.list');
        const params = removeUndefined({
          customer: valid.customerId,
          created: createdRange(valid.createdAfter, valid.createdBefore),
          limit: valid.pageSize,
        });
        for await (const intent of client.listPaymentIntents.items(params, callOptions(options))) yield toPayment(intent);
      },
    },
    refunds: {
      async create(input, options) {
        const valid = validateInput(CreateRefundInput, input, 'refunds.create');
        return toRefund(await client.createRefund(createRefundParams(valid), callOptions(options)));
      },
      async get(id, options) {
        return toRefund(await client.retrieveRefund({ id }, callOptions(options)));
      },
    },
    checkout: {
      async create(input, options) {
        const valid = validateInput(CreateCheckoutSessionInput, input, 'checkout.create');
        if (!valid.currency && valid.lineItems.some((line) => !('priceId' in line))) {
          throw new InputValidationError(
            'Invalid input for payments.checkout.create: currency is required when a line item gives its own unitAmount. Nothing was sent.',
            { issues: [{ path: ['currency'], message: 'required when a line item gives unitAmount' }] },
          );
        }
        return toCheckoutSession(await client.createCheckoutSession(createCheckoutParams(valid), callOptions(options)));
      },
      async get(id, options) {
        return toCheckoutSession(await client.retrieveCheckoutSession({ id }, callOptions(options)));
      },
      async expire(id, options) {
        return toCheckoutSession(await client.expireCheckoutSession({ id }, callOptions(options)));
      },
    },
    subscriptions: stripeSubscriptions(client),
    invoices: stripeInvoices(client),
    events: {
      normalize: toPaymentEvent,
      async get(id, options) {
        return toPaymentEvent(await client.retrieveEvent({ id }, callOptions(options)));
      },
      async *list(filter, options) {
        const valid = validateInput(ListEventsFilter, filter, 'events.list');
        const wanted = valid.types ? new Set<string>(valid.types) : undefined;
        const params = removeUndefined({
          types: wanted ? stripeTypesFor(valid.types ?? []) : undefined,
          created: createdRange(valid.createdAfter, undefined),
          limit: valid.pageSize,
        });
        for await (const raw of client.listEvents.items(params, callOptions(options))) {
          const event = toPaymentEvent(raw);
          // One Stripe type can map to several unified ones (refund.updated → refund.succeeded or refund.updated).
          if (!wanted || wanted.has(event.type)) yield event;
        }
      },
    },
  };
}

// Stripe still serves a deleted customer, as a stub. Unified, it is gone, as at other providers.
function deletedCustomer(id: string): ApiError {
  return new ApiError(`stripe customer ${id} has been deleted`, {
    status: 404,
    code: 'resource_missing',
    type: 'invalid_request_error',
    message: `No such customer: '${id}' (it has been deleted)`,
    details: { deleted: true },
    retryable: false,
    request: { connector: 'stripe', operation: 'retrieveCustomer', method: 'GET', url: `https://api.stripe.com/v1/customers/${id}` },
  });
}
