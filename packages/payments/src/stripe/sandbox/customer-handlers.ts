import { createHash } from 'node:crypto';
import { checkDefaultPaymentMethod, type InvoiceSettings, mergeInvoiceSettings, NO_INVOICE_SETTINGS } from './customer-defaults.js';
import { buildCustomer } from './customer-object.js';
import { filterCreated, listPage, newestFirst, searchPage } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { attachPaymentMethod, checkAttachable, namePaymentMethod, storePaymentMethod } from './payment-method-attach.js';
import { noSuch } from './sandbox-error.js';
import { parseSearchQuery } from './search-query.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

export { defaultPaymentMethod } from './customer-defaults.js';

const EDITABLE = ['email', 'name', 'phone', 'description'] as const;

/** The customer `id` of a request, which must exist. */
export function customerOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.customers.get(id);
  if (!found || found.deleted === true) throw noSuch('customer', id, param);
  return found;
}

// Stripe reads an empty string as "unset".
function nullable<T>(value: T | '' | undefined): T | null | undefined {
  return value === '' ? null : value;
}

function live(request: StripeRequest): StripeObject[] {
  return newestFirst(request.store.customers.values()).filter((c) => c.deleted !== true);
}

/** Customers: create, retrieve, update, delete, list (with `email`), search. */
export const customerHandlers: StripeHandlers = {
  searchCustomers: (params, request) => searchPage(live(request).filter(parseSearchQuery(params.query)), params, '/v1/customers/search'),

  createCustomer: (params, request, runtime) => {
    // Everything is checked before anything is kept: a declined card or a bad default leaves no customer.
    const clock = params.test_clock === undefined ? undefined : request.store.testClocks.get(params.test_clock);
    if (params.test_clock !== undefined && !clock) throw noSuch('test clock', params.test_clock, 'test_clock');
    const named = params.payment_method ? namePaymentMethod(request, params.payment_method) : undefined;
    if (named) checkAttachable(named);
    const id = runtime.ids.next('cus');
    const wanted = params.invoice_settings?.default_payment_method;
    // The payment method given with the customer may be its default, by the id it was given as (a test token too).
    const defaultIsGiven = wanted !== undefined && wanted === params.payment_method;
    if (wanted && !defaultIsGiven) checkDefaultPaymentMethod(request, id, wanted);
    const paymentMethod = named ? storePaymentMethod(request, runtime, named) : undefined;
    const settings = mergeInvoiceSettings({ ...NO_INVOICE_SETTINGS }, params.invoice_settings);
    const customer = buildCustomer({
      id,
      // A customer on a test clock is made at the clock's time.
      created: clock ? Number(clock.frozen_time) : runtime.now(),
      livemode: request.livemode,
      // Stripe's prefixes are eight uppercase hex digits.
      invoice_prefix: createHash('sha256')
        .update(request.requestId ?? '')
        .digest('hex')
        .slice(0, 8)
        .toUpperCase(),
      ...Object.fromEntries(EDITABLE.map((name) => [name, nullable(params[name]) ?? null])),
      address: nullable(params.address) ?? null,
      shipping: nullable(params.shipping) ?? null,
      metadata: mergeMetadata({}, params.metadata),
      preferred_locales: params.preferred_locales ?? [],
      invoice_settings: {
        ...settings,
        default_payment_method: defaultIsGiven && paymentMethod ? paymentMethod.id : settings.default_payment_method,
      },
      test_clock: clock?.id ?? null,
    });
    request.store.customers.set(customer.id, customer);
    runtime.events.record(request, 'customer.created', customer);
    if (named && paymentMethod) attachPaymentMethod(request, runtime, { card: named.card, stored: paymentMethod }, customer.id);
    return customer;
  },

  listCustomers: (params, request) => {
    const items = filterCreated(live(request), params.created).filter((c) => params.email === undefined || c.email === params.email);
    return listPage(items, params, '/v1/customers');
  },

  retrieveCustomer: (params, request) => {
    const found = request.store.customers.get(params.id);
    if (!found) throw noSuch('customer', params.id);
    return found;
  },

  updateCustomer: (params, request, runtime) => {
    const customer = customerOf(request, params.id);
    const previous: Record<string, unknown> = {};
    const set = (name: string, value: unknown) => {
      if (value === undefined || JSON.stringify(customer[name]) === JSON.stringify(value)) return;
      previous[name] = customer[name];
      customer[name] = value;
    };
    for (const name of EDITABLE) set(name, nullable(params[name]));
    set('address', nullable(params.address));
    set('shipping', nullable(params.shipping));
    if (params.metadata !== undefined) set('metadata', mergeMetadata(customer.metadata as Record<string, string>, params.metadata));
    const wanted = params.invoice_settings?.default_payment_method;
    if (wanted) checkDefaultPaymentMethod(request, customer.id, wanted);
    set('invoice_settings', mergeInvoiceSettings(customer.invoice_settings as InvoiceSettings, params.invoice_settings));
    if (Object.keys(previous).length > 0) runtime.events.record(request, 'customer.updated', customer, previous);
    return customer;
  },

  deleteCustomer: (params, request, runtime) => {
    const customer = customerOf(request, params.id);
    runtime.events.record(request, 'customer.deleted', customer);
    const stub: StripeObject = { id: customer.id, object: 'customer', deleted: true };
    request.store.customers.set(customer.id, stub);
    return stub;
  },
};
