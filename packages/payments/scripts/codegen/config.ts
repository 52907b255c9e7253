/**
 * What the generators take from the Stripe spec: the resources the connector
 * reads and the operations it declares (the contract test checks both
 * against the spec).
 */

/** A response object to emit as a named zod schema, in dependency order. */
export interface ResourceConfig {
  /** The component name in the spec, e.g. `checkout.session`. */
  component: string;
  /** The exported schema name, e.g. `CheckoutSession`. */
  name: string;
  /** Fields required here though the spec leaves them optional for a case that `variant` covers. */
  required?: readonly string[];
  /** A second schema of the same object with these fields optional again, e.g. the upcoming invoice, which has no id. */
  variant?: { name: string; optional: readonly string[] };
}

/**
 * Emitted in this order; a reference to a resource not yet emitted (a cycle,
 * such as payment_intent → last_payment_error → payment_intent) becomes a
 * plain object, so no schema needs `z.lazy`.
 */
export const RESOURCES: ResourceConfig[] = [
  { component: 'address', name: 'Address' },
  { component: 'shipping', name: 'Shipping' },
  { component: 'customer', name: 'Customer' },
  { component: 'deleted_customer', name: 'DeletedCustomer' },
  { component: 'api_errors', name: 'ApiErrors' },
  { component: 'payment_intent', name: 'PaymentIntent' },
  { component: 'refund', name: 'Refund' },
  { component: 'item', name: 'LineItem' },
  { component: 'checkout.session', name: 'CheckoutSession' },
  { component: 'product', name: 'Product' },
  { component: 'price', name: 'Price' },
  { component: 'payment_method', name: 'PaymentMethod' },
  { component: 'setup_intent', name: 'SetupIntent' },
  { component: 'subscription_item', name: 'SubscriptionItem' },
  { component: 'subscription', name: 'Subscription' },
  { component: 'line_item', name: 'InvoiceLineItem' },
  // Only the upcoming invoice (a preview) has no id; every stored invoice has one.
  { component: 'invoice', name: 'Invoice', required: ['id'], variant: { name: 'UpcomingInvoice', optional: ['id'] } },
  { component: 'billing_portal.session', name: 'BillingPortalSession' },
  { component: 'test_helpers.test_clock', name: 'TestClock' },
  { component: 'deleted_test_helpers.test_clock', name: 'DeletedTestClock' },
  { component: 'notification_event_data', name: 'EventData' },
  { component: 'event', name: 'Event' },
  { component: 'error', name: 'ErrorBody' },
];

/** An operation of the connector: the generator emits its declaration and its input schema. */
export interface OperationConfig {
  /** The client method name; its input schema is `<Name>Params`. */
  name: string;
  method: 'get' | 'post' | 'delete';
  /** The path as the spec writes it. */
  path: string;
  /** The resource it returns (a name from RESOURCES), or several for a union. */
  output: string | readonly string[];
  /** A page of `output` items, walked by `listPages` or `searchPages`. */
  page?: 'list' | 'search';
  /** One line for docs and errors. */
  description: string;
}

/**
 * The only list of the connector's operations: scripts/generate-stripe.ts
 * turns it into src/stripe/stripe-operations.generated.ts and the input
 * schemas. The spec's path parameter (e.g. `{customer}`, `{intent}`) is
 * renamed `id` in the input: one name to learn, and it never collides with
 * a body parameter of these endpoints.
 */
export const OPERATIONS: OperationConfig[] = [
  // Customers: https://docs.stripe.com/api/customers
  { name: 'createCustomer', method: 'post', path: '/v1/customers', output: 'Customer', description: 'Creates a customer.' },
  {
    name: 'retrieveCustomer',
    method: 'get',
    path: '/v1/customers/{customer}',
    // A deleted customer can still be retrieved, as a stub with `deleted: true`.
    output: ['Customer', 'DeletedCustomer'],
    description: 'Retrieves a customer (or the stub of a deleted one).',
  },
  {
    name: 'updateCustomer',
    method: 'post',
    path: '/v1/customers/{customer}',
    output: 'Customer',
    description:
      "Updates a customer; an empty string unsets a field, `metadata: { key: '' }` one key. Sets the default payment method for invoices with `invoice_settings: { default_payment_method }`.",
  },
  {
    name: 'deleteCustomer',
    method: 'delete',
    path: '/v1/customers/{customer}',
    output: 'DeletedCustomer',
    description: 'Deletes a customer for good.',
  },
  {
    name: 'listCustomers',
    method: 'get',
    path: '/v1/customers',
    output: 'Customer',
    page: 'list',
    description: 'Lists customers, newest first; `email` filters by exact, case-sensitive address.',
  },
  {
    name: 'searchCustomers',
    method: 'get',
    path: '/v1/customers/search',
    output: 'Customer',
    page: 'search',
    description: "Searches customers with Stripe's query language, e.g. `email:'jenny@example.com'`. Results lag writes by up to a minute.",
  },
  // PaymentIntents: https://docs.stripe.com/api/payment_intents
  {
    name: 'createPaymentIntent',
    method: 'post',
    path: '/v1/payment_intents',
    output: 'PaymentIntent',
    description: 'Creates a PaymentIntent; with `confirm: true` it is confirmed at once.',
  },
  {
    name: 'retrievePaymentIntent',
    method: 'get',
    path: '/v1/payment_intents/{intent}',
    output: 'PaymentIntent',
    description: 'Retrieves a PaymentIntent.',
  },
  {
    name: 'updatePaymentIntent',
    method: 'post',
    path: '/v1/payment_intents/{intent}',
    output: 'PaymentIntent',
    description: 'Updates a PaymentIntent that is not yet confirmed (amount, metadata…).',
  },
  {
    name: 'listPaymentIntents',
    method: 'get',
    path: '/v1/payment_intents',
    output: 'PaymentIntent',
    page: 'list',
    description: 'Lists PaymentIntents, newest first.',
  },
  {
    name: 'searchPaymentIntents',
    method: 'get',
    path: '/v1/payment_intents/search',
    output: 'PaymentIntent',
    page: 'search',
    description: "Searches PaymentIntents with Stripe's query language, e.g. `status:'succeeded'`.",
  },
  {
    name: 'confirmPaymentIntent',
    method: 'post',
    path: '/v1/payment_intents/{intent}/confirm',
    output: 'PaymentIntent',
    description: 'Confirms a PaymentIntent: attempts the payment with its payment method.',
  },
  {
    name: 'capturePaymentIntent',
    method: 'post',
    path: '/v1/payment_intents/{intent}/capture',
    output: 'PaymentIntent',
    description: 'Captures the funds of a PaymentIntent in `requires_capture`.',
  },
  {
    name: 'cancelPaymentIntent',
    method: 'post',
    path: '/v1/payment_intents/{intent}/cancel',
    output: 'PaymentIntent',
    description: 'Cancels a PaymentIntent that has not succeeded.',
  },
  // Refunds: https://docs.stripe.com/api/refunds
  {
    name: 'createRefund',
    method: 'post',
    path: '/v1/refunds',
    output: 'Refund',
    description: 'Refunds a payment, in full or (with `amount`) in part.',
  },
  { name: 'retrieveRefund', method: 'get', path: '/v1/refunds/{refund}', output: 'Refund', description: 'Retrieves a refund.' },
  {
    name: 'listRefunds',
    method: 'get',
    path: '/v1/refunds',
    output: 'Refund',
    page: 'list',
    description: 'Lists refunds, newest first; filter by `payment_intent` or `charge`.',
  },
  // Checkout Sessions: https://docs.stripe.com/api/checkout/sessions
  {
    name: 'createCheckoutSession',
    method: 'post',
    path: '/v1/checkout/sessions',
    output: 'CheckoutSession',
    description: "Creates a Checkout Session: a Stripe-hosted payment page at the session's `url`.",
  },
  {
    name: 'retrieveCheckoutSession',
    method: 'get',
    path: '/v1/checkout/sessions/{session}',
    output: 'CheckoutSession',
    description: 'Retrieves a Checkout Session.',
  },
  {
    name: 'listCheckoutSessions',
    method: 'get',
    path: '/v1/checkout/sessions',
    output: 'CheckoutSession',
    page: 'list',
    description: 'Lists Checkout Sessions, newest first.',
  },
  {
    name: 'expireCheckoutSession',
    method: 'post',
    path: '/v1/checkout/sessions/{session}/expire',
    output: 'CheckoutSession',
    description: 'Expires an open Checkout Session, so it can no longer be paid.',
  },
  {
    name: 'listCheckoutSessionLineItems',
    method: 'get',
    path: '/v1/checkout/sessions/{session}/line_items',
    output: 'LineItem',
    page: 'list',
    description: "Lists a Checkout Session's line items.",
  },
  // Events: https://docs.stripe.com/api/events
  {
    name: 'listEvents',
    method: 'get',
    path: '/v1/events',
    output: 'Event',
    page: 'list',
    description: 'Lists events, newest first; filter with `types` and `created[gte]`.',
  },
  { name: 'retrieveEvent', method: 'get', path: '/v1/events/{id}', output: 'Event', description: 'Retrieves an event.' },
  // Products: https://docs.stripe.com/api/products
  { name: 'createProduct', method: 'post', path: '/v1/products', output: 'Product', description: 'Creates a product: what you sell.' },
  { name: 'retrieveProduct', method: 'get', path: '/v1/products/{id}', output: 'Product', description: 'Retrieves a product.' },
  { name: 'updateProduct', method: 'post', path: '/v1/products/{id}', output: 'Product', description: 'Updates a product.' },
  {
    name: 'listProducts',
    method: 'get',
    path: '/v1/products',
    output: 'Product',
    page: 'list',
    description: 'Lists products, newest first.',
  },
  // Prices: https://docs.stripe.com/api/prices
  {
    name: 'createPrice',
    method: 'post',
    path: '/v1/prices',
    output: 'Price',
    description: 'Creates a price for a product: one-off, or `recurring` for subscriptions. Amount and interval cannot change afterwards.',
  },
  { name: 'retrievePrice', method: 'get', path: '/v1/prices/{price}', output: 'Price', description: 'Retrieves a price.' },
  {
    name: 'updatePrice',
    method: 'post',
    path: '/v1/prices/{price}',
    output: 'Price',
    description: 'Updates what a price allows to change: `active`, `lookup_key`, `nickname`, `metadata`.',
  },
  {
    name: 'listPrices',
    method: 'get',
    path: '/v1/prices',
    output: 'Price',
    page: 'list',
    description: 'Lists prices; filter by `product`, `active`, `type`.',
  },
  // Subscriptions: https://docs.stripe.com/api/subscriptions
  {
    name: 'createSubscription',
    method: 'post',
    path: '/v1/subscriptions',
    output: 'Subscription',
    description: 'Subscribes a customer to `items` (prices), optionally with `trial_period_days` or `trial_end`.',
  },
  {
    name: 'retrieveSubscription',
    method: 'get',
    path: '/v1/subscriptions/{subscription_exposed_id}',
    output: 'Subscription',
    description: 'Retrieves a subscription.',
  },
  {
    name: 'updateSubscription',
    method: 'post',
    path: '/v1/subscriptions/{subscription_exposed_id}',
    output: 'Subscription',
    description:
      'Changes a subscription: its items (price or quantity, with `proration_behavior`), or `cancel_at_period_end` to cancel when the period ends (false to undo).',
  },
  {
    name: 'cancelSubscription',
    method: 'delete',
    path: '/v1/subscriptions/{subscription_exposed_id}',
    output: 'Subscription',
    description: 'Cancels a subscription now. To cancel when the period ends, update it with `cancel_at_period_end: true`.',
  },
  {
    name: 'resumeSubscription',
    method: 'post',
    path: '/v1/subscriptions/{subscription}/resume',
    output: 'Subscription',
    description: 'Resumes a paused subscription, starting a new period (`billing_cycle_anchor: now`) or keeping the old one.',
  },
  {
    name: 'listSubscriptions',
    method: 'get',
    path: '/v1/subscriptions',
    output: 'Subscription',
    page: 'list',
    description: 'Lists subscriptions (not canceled ones unless `status: canceled` or `all`); filter by `customer`, `price`.',
  },
  // Invoices: https://docs.stripe.com/api/invoices
  { name: 'retrieveInvoice', method: 'get', path: '/v1/invoices/{invoice}', output: 'Invoice', description: 'Retrieves an invoice.' },
  {
    name: 'listInvoices',
    method: 'get',
    path: '/v1/invoices',
    output: 'Invoice',
    page: 'list',
    description: 'Lists invoices, newest first; filter by `customer`, `subscription`, `status`.',
  },
  {
    name: 'payInvoice',
    method: 'post',
    path: '/v1/invoices/{invoice}/pay',
    output: 'Invoice',
    description: 'Attempts payment of an open invoice now, with its default payment method or `payment_method`.',
  },
  {
    name: 'voidInvoice',
    method: 'post',
    path: '/v1/invoices/{invoice}/void',
    output: 'Invoice',
    description: 'Voids a finalized invoice: it stays on record but is no longer owed.',
  },
  {
    name: 'finalizeInvoice',
    method: 'post',
    path: '/v1/invoices/{invoice}/finalize',
    output: 'Invoice',
    description: 'Finalizes a draft invoice, so it can be paid; Stripe otherwise finalizes it about an hour after creation.',
  },
  {
    name: 'retrieveUpcomingInvoice',
    method: 'get',
    path: '/v1/invoices/upcoming',
    output: 'UpcomingInvoice',
    description:
      "Previews the customer's next invoice, or what a change would cost: pass `subscription_items` and `subscription_proration_date`. The preview has no id.",
  },
  // SetupIntents: https://docs.stripe.com/api/setup_intents
  {
    name: 'createSetupIntent',
    method: 'post',
    path: '/v1/setup_intents',
    output: 'SetupIntent',
    description: "Creates a SetupIntent, to save a customer's payment method for later charges without charging now.",
  },
  {
    name: 'retrieveSetupIntent',
    method: 'get',
    path: '/v1/setup_intents/{intent}',
    output: 'SetupIntent',
    description: 'Retrieves a SetupIntent.',
  },
  {
    name: 'confirmSetupIntent',
    method: 'post',
    path: '/v1/setup_intents/{intent}/confirm',
    output: 'SetupIntent',
    description: 'Confirms a SetupIntent with a payment method.',
  },
  {
    name: 'cancelSetupIntent',
    method: 'post',
    path: '/v1/setup_intents/{intent}/cancel',
    output: 'SetupIntent',
    description: 'Cancels a SetupIntent that has not succeeded.',
  },
  {
    name: 'listSetupIntents',
    method: 'get',
    path: '/v1/setup_intents',
    output: 'SetupIntent',
    page: 'list',
    description: 'Lists SetupIntents; filter by `customer`, `payment_method`.',
  },
  // PaymentMethods: https://docs.stripe.com/api/payment_methods
  {
    name: 'retrievePaymentMethod',
    method: 'get',
    path: '/v1/payment_methods/{payment_method}',
    output: 'PaymentMethod',
    description: 'Retrieves a payment method.',
  },
  {
    name: 'listPaymentMethods',
    method: 'get',
    path: '/v1/payment_methods',
    output: 'PaymentMethod',
    page: 'list',
    description: "Lists a customer's payment methods (`customer`, optionally `type`).",
  },
  {
    name: 'attachPaymentMethod',
    method: 'post',
    path: '/v1/payment_methods/{payment_method}/attach',
    output: 'PaymentMethod',
    description: 'Attaches a payment method to a `customer`. Prefer a SetupIntent, which also runs the checks the card needs.',
  },
  {
    name: 'detachPaymentMethod',
    method: 'post',
    path: '/v1/payment_methods/{payment_method}/detach',
    output: 'PaymentMethod',
    description: 'Detaches a payment method from its customer; it can no longer be used.',
  },
  // Customer portal: https://docs.stripe.com/api/customer_portal/sessions
  {
    name: 'createBillingPortalSession',
    method: 'post',
    path: '/v1/billing_portal/sessions',
    output: 'BillingPortalSession',
    description: 'Creates a customer portal session: send the customer to its `url` to manage their subscriptions and payment methods.',
  },
  // Test clocks (test mode only): https://docs.stripe.com/api/test_clocks
  {
    name: 'createTestClock',
    method: 'post',
    path: '/v1/test_helpers/test_clocks',
    output: 'TestClock',
    description: 'Creates a test clock frozen at `frozen_time`; customers created with `test_clock` live on its time.',
  },
  {
    name: 'retrieveTestClock',
    method: 'get',
    path: '/v1/test_helpers/test_clocks/{test_clock}',
    output: 'TestClock',
    description: 'Retrieves a test clock; `status` is `advancing` until every object has caught up, then `ready`.',
  },
  {
    name: 'advanceTestClock',
    method: 'post',
    path: '/v1/test_helpers/test_clocks/{test_clock}/advance',
    output: 'TestClock',
    description: 'Moves a test clock forward to `frozen_time`: renewals, trial ends and retries due by then happen, with their events.',
  },
  {
    name: 'deleteTestClock',
    method: 'delete',
    path: '/v1/test_helpers/test_clocks/{test_clock}',
    output: 'DeletedTestClock',
    description: 'Deletes a test clock and every object on it.',
  },
  {
    name: 'listTestClocks',
    method: 'get',
    path: '/v1/test_helpers/test_clocks',
    output: 'TestClock',
    page: 'list',
    description: 'Lists test clocks.',
  },
];

/** Path prefixes whose every operation goes into the contract fixture. */
export const CONTRACT_PREFIXES = [
  '/v1/customers',
  '/v1/payment_intents',
  '/v1/refunds',
  '/v1/checkout/sessions',
  '/v1/events',
  '/v1/products',
  '/v1/prices',
  '/v1/subscriptions',
  '/v1/invoices',
  '/v1/setup_intents',
  '/v1/payment_methods',
  '/v1/billing_portal/sessions',
  '/v1/test_helpers/test_clocks',
];

/** The sample objects the sandbox builds new objects from. */
export const SANDBOX_TEMPLATES = [
  'customer',
  'payment_intent',
  'charge',
  'refund',
  'checkout.session',
  'item',
  'event',
  'product',
  'price',
  'subscription',
  'subscription_item',
  'invoice',
  'line_item',
  'setup_intent',
  'payment_method',
  'billing_portal.session',
  'test_helpers.test_clock',
];

/**
 * Form-encoding examples: for each operation, the body or query fields to
 * build a sample value for from the spec (the rest of a big schema adds
 * nothing but size).
 */
export const ENCODING_EXAMPLES: { operation: string; fields: string[] }[] = [
  {
    operation: 'createCustomer',
    fields: ['email', 'address', 'metadata', 'expand', 'preferred_locales', 'invoice_settings', 'balance', 'tax_id_data'],
  },
  { operation: 'updateCustomer', fields: ['description', 'tax_exempt', 'shipping'] },
  {
    operation: 'createPaymentIntent',
    fields: [
      'amount',
      'currency',
      'confirm',
      'capture_method',
      'payment_method_types',
      'metadata',
      'transfer_data',
      'automatic_payment_methods',
    ],
  },
  { operation: 'createCheckoutSession', fields: ['mode', 'success_url', 'line_items', 'payment_intent_data', 'custom_fields'] },
  { operation: 'listEvents', fields: ['created', 'types', 'limit', 'expand'] },
  { operation: 'createPrice', fields: ['currency', 'unit_amount', 'recurring', 'product', 'lookup_key'] },
  {
    operation: 'createSubscription',
    fields: ['customer', 'items', 'trial_period_days', 'payment_behavior', 'default_payment_method', 'metadata', 'expand'],
  },
  { operation: 'updateSubscription', fields: ['items', 'proration_behavior', 'cancel_at_period_end', 'trial_end'] },
];
