import { createHash } from 'node:crypto';
import { buildCustomer } from './customer-object.js';
import { filterCreated, listPage, newestFirst, searchPage } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { noSuch } from './sandbox-error.js';
import { parseSearchQuery } from './search-query.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

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
    const customer = buildCustomer({
      id: runtime.ids.next('cus'),
      created: runtime.now(),
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
    });
    request.store.customers.set(customer.id, customer);
    runtime.events.record(request, 'customer.created', customer);
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
