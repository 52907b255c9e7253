/**
 * What the generators take from the Stripe spec: the resources the connector
 * reads and the operations it declares. Keep this in step with
 * src/stripe/operations/ (the contract test checks both against the spec).
 */

/** A response object to emit as a named zod schema, in dependency order. */
export interface ResourceConfig {
  /** The component name in the spec, e.g. `checkout.session`. */
  component: string;
  /** The exported schema name, e.g. `CheckoutSession`. */
  name: string;
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
  { component: 'notification_event_data', name: 'EventData' },
  { component: 'event', name: 'Event' },
  { component: 'error', name: 'ErrorBody' },
];

/** An operation whose input schema is emitted. */
export interface OperationConfig {
  /** The client method name. */
  name: string;
  method: 'get' | 'post' | 'delete';
  /** The path as the spec writes it. */
  path: string;
  /** The exported input schema name. */
  params: string;
}

/**
 * The operations the connector declares. The spec's path parameter (e.g.
 * `{customer}`, `{intent}`) is renamed `id` in the input: one name to learn,
 * and it never collides with a body parameter of these endpoints.
 */
export const OPERATIONS: OperationConfig[] = [
  { name: 'createCustomer', method: 'post', path: '/v1/customers', params: 'CreateCustomerParams' },
  { name: 'retrieveCustomer', method: 'get', path: '/v1/customers/{customer}', params: 'RetrieveCustomerParams' },
  { name: 'updateCustomer', method: 'post', path: '/v1/customers/{customer}', params: 'UpdateCustomerParams' },
  { name: 'deleteCustomer', method: 'delete', path: '/v1/customers/{customer}', params: 'DeleteCustomerParams' },
  { name: 'listCustomers', method: 'get', path: '/v1/customers', params: 'ListCustomersParams' },
  { name: 'searchCustomers', method: 'get', path: '/v1/customers/search', params: 'SearchCustomersParams' },
  { name: 'createPaymentIntent', method: 'post', path: '/v1/payment_intents', params: 'CreatePaymentIntentParams' },
  { name: 'retrievePaymentIntent', method: 'get', path: '/v1/payment_intents/{intent}', params: 'RetrievePaymentIntentParams' },
  { name: 'updatePaymentIntent', method: 'post', path: '/v1/payment_intents/{intent}', params: 'UpdatePaymentIntentParams' },
  { name: 'listPaymentIntents', method: 'get', path: '/v1/payment_intents', params: 'ListPaymentIntentsParams' },
  { name: 'searchPaymentIntents', method: 'get', path: '/v1/payment_intents/search', params: 'SearchPaymentIntentsParams' },
  { name: 'confirmPaymentIntent', method: 'post', path: '/v1/payment_intents/{intent}/confirm', params: 'ConfirmPaymentIntentParams' },
  { name: 'capturePaymentIntent', method: 'post', path: '/v1/payment_intents/{intent}/capture', params: 'CapturePaymentIntentParams' },
  { name: 'cancelPaymentIntent', method: 'post', path: '/v1/payment_intents/{intent}/cancel', params: 'CancelPaymentIntentParams' },
  { name: 'createRefund', method: 'post', path: '/v1/refunds', params: 'CreateRefundParams' },
  { name: 'retrieveRefund', method: 'get', path: '/v1/refunds/{refund}', params: 'RetrieveRefundParams' },
  { name: 'listRefunds', method: 'get', path: '/v1/refunds', params: 'ListRefundsParams' },
  { name: 'createCheckoutSession', method: 'post', path: '/v1/checkout/sessions', params: 'CreateCheckoutSessionParams' },
  { name: 'retrieveCheckoutSession', method: 'get', path: '/v1/checkout/sessions/{session}', params: 'RetrieveCheckoutSessionParams' },
  { name: 'listCheckoutSessions', method: 'get', path: '/v1/checkout/sessions', params: 'ListCheckoutSessionsParams' },
  { name: 'expireCheckoutSession', method: 'post', path: '/v1/checkout/sessions/{session}/expire', params: 'ExpireCheckoutSessionParams' },
  {
    name: 'listCheckoutSessionLineItems',
    method: 'get',
    path: '/v1/checkout/sessions/{session}/line_items',
    params: 'ListCheckoutSessionLineItemsParams',
  },
  { name: 'listEvents', method: 'get', path: '/v1/events', params: 'ListEventsParams' },
  { name: 'retrieveEvent', method: 'get', path: '/v1/events/{id}', params: 'RetrieveEventParams' },
];

/** Path prefixes whose every operation goes into the contract fixture. */
export const CONTRACT_PREFIXES = ['/v1/customers', '/v1/payment_intents', '/v1/refunds', '/v1/checkout/sessions', '/v1/events'];

/** The sample objects the sandbox builds new objects from. */
export const SANDBOX_TEMPLATES = ['customer', 'payment_intent', 'charge', 'refund', 'checkout.session', 'item', 'event'];

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
];
