import { clearDefault } from './customer-defaults.js';
import { customerOf } from './customer-handlers.js';
import { listPage, newestFirst } from './list-page.js';
import { attachPaymentMethod, detachPaymentMethod, namePaymentMethod } from './payment-method-attach.js';
import { buildPaymentMethod } from './payment-method-object.js';
import { noSuch } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

/** The stored PaymentMethod `id` of a request, which must exist. */
function storedPaymentMethodOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.paymentMethods.get(id);
  if (!found) throw noSuch('PaymentMethod', id, param);
  return found;
}

/**
 * PaymentMethods: attach (a test token such as `pm_card_visa` becomes a new
 * `pm_…` each time, as at Stripe), detach, retrieve, and list a customer's.
 */
export const paymentMethodHandlers: StripeHandlers = {
  attachPaymentMethod: (params, request, runtime) => {
    const named = namePaymentMethod(request, params.id, 'id');
    const customer = customerOf(request, params.customer, 'customer');
    return attachPaymentMethod(request, runtime, named, customer.id);
  },

  detachPaymentMethod: (params, request, runtime) => {
    const paymentMethod = storedPaymentMethodOf(request, params.id);
    const customerId = detachPaymentMethod(request, runtime, paymentMethod);
    // A customer whose default it was has no default any more.
    const customer = request.store.customers.get(customerId);
    const before = customer ? clearDefault(customer, paymentMethod.id) : undefined;
    if (customer && before) runtime.events.record(request, 'customer.updated', customer, { invoice_settings: before });
    return paymentMethod;
  },

  retrievePaymentMethod: (params, request, runtime) => {
    const stored = request.store.paymentMethods.get(params.id);
    if (stored) return stored;
    // A test token reads as a card PaymentMethod of no customer, under its own id; nothing is kept.
    const { card } = namePaymentMethod(request, params.id, 'id');
    return buildPaymentMethod({ id: params.id, created: runtime.now(), livemode: request.livemode, customer: null, card });
  },

  // With `customer`, its PaymentMethods; without, those attached to no customer (Stripe's list for Treasury flows).
  listPaymentMethods: (params, request) => {
    const customer = params.customer === undefined ? null : customerOf(request, params.customer, 'customer').id;
    const items = newestFirst(request.store.paymentMethods.values()).filter(
      (paymentMethod) => paymentMethod.customer === customer && (params.type === undefined || paymentMethod.type === params.type),
    );
    return listPage(items, params, '/v1/payment_methods');
  },
};
