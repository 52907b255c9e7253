import { createPoller, createWebhookReceiver } from '@junction/core';
import type Stripe from 'stripe';
import { describe, expectTypeOf, it } from 'vitest';
import type { Customer, Payment, PaymentEvent, PaymentEventOf, PaymentStatus, PaymentsProvider, RawTypes, Refund } from '../src/index.js';
import {
  createStripeClient,
  isStripeCardError,
  type StripeEventOf,
  type StripeEventType,
  type StripeInvoiceEvent,
  type StripeList,
  type StripePaymentMethodEvent,
  type StripePayments,
  type StripeRawTypes,
  type StripeSchemas,
  type StripeSetupIntentEvent,
  type StripeSubscriptionEvent,
  type StripeUpcomingInvoiceEvent,
  stripeConnector,
  stripePayments,
  stripePaymentWebhooks,
} from '../src/stripe/index.js';

const stripe = createStripeClient({ apiKey: 'sk_test_x' });

describe('the Stripe client', () => {
  it('infers inputs and outputs from the generated schemas', () => {
    expectTypeOf(stripe.createCustomer).parameter(0).toEqualTypeOf<StripeSchemas.CreateCustomerParams | undefined>();
    expectTypeOf(stripe.createCustomer({})).resolves.toEqualTypeOf<StripeSchemas.Customer>();
    expectTypeOf(stripe.retrieveCustomer({ id: 'cus_1' })).resolves.toEqualTypeOf<StripeSchemas.Customer | StripeSchemas.DeletedCustomer>();
    expectTypeOf(stripe.confirmPaymentIntent({ id: 'pi_1' })).resolves.toEqualTypeOf<StripeSchemas.PaymentIntent>();
    expectTypeOf(stripe.listCustomers()).resolves.toEqualTypeOf<StripeList<StripeSchemas.Customer>>();
  });

  it('types pagination items', () => {
    expectTypeOf(stripe.listCustomers.items()).toEqualTypeOf<AsyncGenerator<StripeSchemas.Customer, void, undefined>>();
    expectTypeOf(stripe.searchCustomers.items({ query: "email:'x'" })).toEqualTypeOf<
      AsyncGenerator<StripeSchemas.Customer, void, undefined>
    >();
    expectTypeOf(stripe.listEvents.items()).toEqualTypeOf<AsyncGenerator<StripeSchemas.Event, void, undefined>>();
  });

  it('keeps enums open but autocompletable, and expandable fields as id or object', () => {
    type Status = StripeSchemas.PaymentIntent['status'];
    expectTypeOf<'succeeded'>().toExtend<Status>();
    expectTypeOf<'a_status_stripe_adds_later'>().toExtend<Status>();
    expectTypeOf<StripeSchemas.PaymentIntent['customer']>().toEqualTypeOf<
      string | StripeSchemas.Customer | StripeSchemas.DeletedCustomer | null | undefined
    >();
  });

  it('refuses wrong input at compile time', () => {
    // @ts-expect-error: amount is required
    void stripe.createPaymentIntent({ currency: 'usd' });
    // @ts-expect-error: amount is a number
    void stripe.createPaymentIntent({ amount: '10', currency: 'usd' });
    // @ts-expect-error: a misspelt parameter in a literal
    void stripe.createCustomer({ emial: 'x@example.com' });
    // @ts-expect-error: the path id is required
    void stripe.retrievePaymentIntent({});
    // @ts-expect-error: no such operation
    void stripe.createCharge;
    // Dates are accepted where Stripe takes unix times.
    void stripe.listEvents({ created: { gte: new Date() } });
    // '' unsets.
    void stripe.updateCustomer({ id: 'cus_1', metadata: '', address: '' });
  });

  it('narrows a card error without string matching', () => {
    const error: unknown = new Error('x');
    if (isStripeCardError(error)) {
      expectTypeOf(error.type).toEqualTypeOf<'card_error'>();
      expectTypeOf(error.status).toEqualTypeOf<number>();
      expectTypeOf(error.details?.decline_code).toEqualTypeOf<string | undefined>();
    }
  });
});

describe('the unified interface', () => {
  const payments = stripePayments(stripe);

  it('is implemented by the Stripe adapter, with Stripe objects in raw', () => {
    expectTypeOf(payments).toExtend<PaymentsProvider>();
    expectTypeOf(payments).toExtend<PaymentsProvider<StripeRawTypes>>();
    expectTypeOf(payments.payments.create({ amount: 1, currency: 'USD' })).resolves.toEqualTypeOf<Payment<StripeSchemas.PaymentIntent>>();
    expectTypeOf<Payment<StripeSchemas.PaymentIntent>['raw']>().toEqualTypeOf<StripeSchemas.PaymentIntent>();
    expectTypeOf(payments.customers.list()).toEqualTypeOf<AsyncIterable<Customer<StripeSchemas.Customer>>>();
    expectTypeOf(payments.refunds.get('re_1')).resolves.toEqualTypeOf<Refund<StripeSchemas.Refund>>();
    expectTypeOf(stripePayments({ apiKey: 'sk_test_x' })).toEqualTypeOf<StripePayments>();
  });

  it('closes the status set so a switch can be exhaustive', () => {
    const label = (status: PaymentStatus): string => {
      switch (status) {
        case 'requires_payment_method':
        case 'requires_confirmation':
        case 'requires_action':
        case 'processing':
        case 'requires_capture':
          return 'pending';
        case 'succeeded':
          return 'paid';
        case 'canceled':
        case 'failed':
          return 'closed';
      }
    };
    void label;
  });

  it('narrows events by type', () => {
    const event = {} as PaymentEvent<StripeRawTypes>;
    if (event.type === 'payment.succeeded') expectTypeOf(event.data).toEqualTypeOf<Payment<StripeSchemas.PaymentIntent>>();
    if (event.type === 'refund.succeeded') expectTypeOf(event.data).toEqualTypeOf<Refund<StripeSchemas.Refund>>();
    if (event.type === 'unknown') expectTypeOf(event.data).toEqualTypeOf<unknown>();
    expectTypeOf<PaymentEventOf<'checkout.completed'>['data']['status']>().toEqualTypeOf<'open' | 'complete' | 'expired'>();
    expectTypeOf<PaymentEventOf<'payment.failed'>['type']>().toEqualTypeOf<'payment.failed'>();
  });

  it('can be implemented by another provider without Stripe types', () => {
    interface AdyenRaw extends RawTypes {
      payment: { pspReference: string };
    }
    expectTypeOf<PaymentsProvider<AdyenRaw>['payments']['get']>().returns.resolves.toEqualTypeOf<Payment<{ pspReference: string }>>();
  });
});

describe('events through core', () => {
  it('types webhook payloads from the connector', () => {
    const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: 'whsec_x' } });
    receiver.on('payment_intent.succeeded', (event) => {
      expectTypeOf(event.payload).toEqualTypeOf<StripeEventOf<'payment_intent.succeeded', StripeSchemas.PaymentIntent>>();
    });
    receiver.on('customer.created', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.Customer>();
    });
    // @ts-expect-error: not a typed Stripe event
    receiver.on('payment.succeeded', () => {});
  });

  it('types billing webhook payloads: subscriptions, invoices, the upcoming invoice without an id', () => {
    const receiver = createWebhookReceiver(stripeConnector, { secrets: { secret: 'whsec_x' } });
    receiver.on('customer.subscription.updated', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.Subscription>();
      expectTypeOf(event.payload.data.object.current_period_end).toEqualTypeOf<number>();
      expectTypeOf(event.payload).toExtend<StripeSubscriptionEvent>();
    });
    receiver.on('invoice.upcoming', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.UpcomingInvoice>();
      expectTypeOf(event.payload.data.object.id).toEqualTypeOf<string | undefined>();
      expectTypeOf(event.payload).toEqualTypeOf<StripeUpcomingInvoiceEvent>();
    });
    receiver.on('invoice.paid', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.Invoice>();
      expectTypeOf(event.payload.data.object.id).toEqualTypeOf<string>();
    });
    receiver.on('setup_intent.setup_failed', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.SetupIntent>();
    });
    receiver.on('payment_method.detached', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.PaymentMethod>();
    });
    // @ts-expect-error: not an event Stripe sends
    receiver.on('invoice.upcomming', () => {});
  });

  it("types only events stripe-node knows (a differential check against stripe@23's Event.Type)", () => {
    expectTypeOf<StripeEventType>().toExtend<Stripe.Event.Type>();
  });

  it('narrows a billing event union by type', () => {
    const event = {} as StripeInvoiceEvent | StripeSetupIntentEvent | StripePaymentMethodEvent;
    if (event.type === 'invoice.voided') expectTypeOf(event.data.object).toEqualTypeOf<StripeSchemas.Invoice>();
    if (event.type === 'setup_intent.succeeded') expectTypeOf(event.data.object).toEqualTypeOf<StripeSchemas.SetupIntent>();
    if (event.type === 'payment_method.attached') expectTypeOf(event.data.object).toEqualTypeOf<StripeSchemas.PaymentMethod>();
  });

  it('types unified webhook payloads', () => {
    const receiver = createWebhookReceiver(stripePaymentWebhooks, { secrets: { secret: 'whsec_x' } });
    receiver.on('payment.succeeded', (event) => {
      expectTypeOf(event.payload.data).toEqualTypeOf<Payment<StripeSchemas.PaymentIntent>>();
    });
  });

  it('types polled events from the connector', () => {
    const poller = createPoller(stripe);
    poller.on('refund.created', (event) => {
      expectTypeOf(event.payload.data.object).toEqualTypeOf<StripeSchemas.Refund>();
    });
  });
});
