import type { CheckoutSession, CreateCheckoutSessionInput } from './checkout-session.js';
import type { CreateCustomerInput, Customer, ListCustomersFilter, UpdateCustomerInput } from './customer.js';
import type { ListEventsFilter, PaymentEvent } from './events.js';
import type { Invoice, ListInvoicesFilter, PayInvoiceInput } from './invoice.js';
import type {
  CancelPaymentInput,
  CapturePaymentInput,
  ConfirmPaymentInput,
  CreatePaymentInput,
  ListPaymentsFilter,
  Payment,
} from './payment.js';
import type { RawTypes } from './raw-types.js';
import type { CreateRefundInput, Refund } from './refund.js';
import type { RequestOptions } from './request-options.js';
import type {
  CancelSubscriptionInput,
  ChangePlanInput,
  CreateSubscriptionInput,
  ListSubscriptionsFilter,
  Subscription,
} from './subscription.js';

/** Customers at the provider. */
export interface CustomersApi<Raw = unknown> {
  create(input: CreateCustomerInput, options?: RequestOptions): Promise<Customer<Raw>>;
  /** A deleted customer is gone: a 404 `ApiError` (code `resource_missing`), whatever the provider keeps. */
  get(id: string, options?: RequestOptions): Promise<Customer<Raw>>;
  update(id: string, input: UpdateCustomerInput, options?: RequestOptions): Promise<Customer<Raw>>;
  /** Every customer matching `filter`, newest first, fetched page by page as you iterate. */
  list(filter?: ListCustomersFilter, options?: RequestOptions): AsyncIterable<Customer<Raw>>;
  /** Customers with exactly this email address, newest first. Sees a customer as soon as it is created. */
  searchByEmail(email: string, options?: RequestOptions): AsyncIterable<Customer<Raw>>;
}

/** Payments: create, confirm, capture or cancel, and read back. */
export interface PaymentsApi<Raw = unknown> {
  create(input: CreatePaymentInput, options?: RequestOptions): Promise<Payment<Raw>>;
  /** Attempts the payment. A decline rejects with the provider's error (for Stripe, see `isStripeCardError`). */
  confirm(id: string, input?: ConfirmPaymentInput, options?: RequestOptions): Promise<Payment<Raw>>;
  /** Collects an authorized (`requires_capture`) payment. */
  capture(id: string, input?: CapturePaymentInput, options?: RequestOptions): Promise<Payment<Raw>>;
  cancel(id: string, input?: CancelPaymentInput, options?: RequestOptions): Promise<Payment<Raw>>;
  get(id: string, options?: RequestOptions): Promise<Payment<Raw>>;
  /** Every payment matching `filter`, newest first, fetched page by page as you iterate. */
  list(filter?: ListPaymentsFilter, options?: RequestOptions): AsyncIterable<Payment<Raw>>;
}

/** Refunds of payments. */
export interface RefundsApi<Raw = unknown> {
  create(input: CreateRefundInput, options?: RequestOptions): Promise<Refund<Raw>>;
  get(id: string, options?: RequestOptions): Promise<Refund<Raw>>;
}

/** Hosted checkout pages. */
export interface CheckoutApi<Raw = unknown> {
  create(input: CreateCheckoutSessionInput, options?: RequestOptions): Promise<CheckoutSession<Raw>>;
  get(id: string, options?: RequestOptions): Promise<CheckoutSession<Raw>>;
  /** Closes an open session so it can no longer be paid. */
  expire(id: string, options?: RequestOptions): Promise<CheckoutSession<Raw>>;
}

/** Recurring billing: a customer on a plan, renewed each period. */
export interface SubscriptionsApi<Raw = unknown> {
  /** Starts a subscription; without a trial, the first period is invoiced and charged at once. */
  create(input: CreateSubscriptionInput, options?: RequestOptions): Promise<Subscription<Raw>>;
  get(id: string, options?: RequestOptions): Promise<Subscription<Raw>>;
  /** Moves it to other plans or quantities, prorated unless `proration` says otherwise. */
  changePlan(id: string, input: ChangePlanInput, options?: RequestOptions): Promise<Subscription<Raw>>;
  /** Ends it now, or at the end of the paid period with `atPeriodEnd: true`. */
  cancel(id: string, input?: CancelSubscriptionInput, options?: RequestOptions): Promise<Subscription<Raw>>;
  /** Every subscription matching `filter`, newest first, fetched page by page as you iterate. */
  list(filter?: ListSubscriptionsFilter, options?: RequestOptions): AsyncIterable<Subscription<Raw>>;
}

/** The bills subscriptions (and one-offs) produce. */
export interface InvoicesApi<Raw = unknown> {
  get(id: string, options?: RequestOptions): Promise<Invoice<Raw>>;
  /** Every invoice matching `filter`, newest first, fetched page by page as you iterate. */
  list(filter?: ListInvoicesFilter, options?: RequestOptions): AsyncIterable<Invoice<Raw>>;
  /** Attempts payment of an open invoice now. A decline rejects with the provider's error. */
  pay(id: string, input?: PayInvoiceInput, options?: RequestOptions): Promise<Invoice<Raw>>;
  /** Cancels a final, unpaid invoice: it is no longer owed. */
  void(id: string, options?: RequestOptions): Promise<Invoice<Raw>>;
}

/** The provider's events, in unified form. */
export interface EventsApi<R extends RawTypes = RawTypes> {
  /**
   * Turns a provider event (a verified webhook payload, or one read from the
   * provider) into a {@link PaymentEvent}. Never throws on an unknown type:
   * that becomes `type: 'unknown'`.
   */
  normalize(event: unknown): PaymentEvent<R>;
  get(id: string, options?: RequestOptions): Promise<PaymentEvent<R>>;
  /** Events matching `filter`, newest first (providers keep a limited history: Stripe 30 days). */
  list(filter?: ListEventsFilter, options?: RequestOptions): AsyncIterable<PaymentEvent<R>>;
}

/**
 * What a product does with a payments provider, whichever it is. Each
 * provider package implements it over its own client (`stripePayments`);
 * the provider's full API stays available on that client for the rest.
 * Provider failures reject with core's typed errors (`ApiError` and kin);
 * a feature a provider lacks rejects with `UnsupportedFeatureError`.
 */
export interface PaymentsProvider<R extends RawTypes = RawTypes> {
  /** The provider's name, e.g. `stripe`. */
  readonly provider: string;
  readonly customers: CustomersApi<R['customer']>;
  readonly payments: PaymentsApi<R['payment']>;
  readonly refunds: RefundsApi<R['refund']>;
  readonly checkout: CheckoutApi<R['checkoutSession']>;
  readonly subscriptions: SubscriptionsApi<R['subscription']>;
  readonly invoices: InvoicesApi<R['invoice']>;
  readonly events: EventsApi<R>;
}
