import { createHash } from 'node:crypto';
import {
  CreateCustomerParams,
  DeleteCustomerParams,
  ListCustomersParams,
  RetrieveCustomerParams,
  SearchCustomersParams,
  UpdateCustomerParams,
} from '../stripe-params.generated.js';
import { mergeMetadata, object, requiredText, stringMap, text } from './coerce.js';
import { buildCustomer } from './customer-object.js';
import type { FormParams } from './form.js';
import { knownParams } from './known-params.js';
import { filterCreated, listPage, newestFirst, searchPage } from './list-page.js';
import type { Route, RouteRequest } from './route.js';
import type { SandboxRuntime } from './runtime.js';
import { noSuch } from './sandbox-error.js';
import { parseSearchQuery } from './search-query.js';
import type { StripeObject } from './store.js';

const EDITABLE = ['email', 'name', 'phone', 'description'] as const;

/** The customer `id` of a request, which must exist. */
export function customerOf(request: RouteRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.customers.get(id);
  if (!found || found.deleted === true) throw noSuch('customer', id, param);
  return found;
}

function nullable(params: FormParams, name: string): string | null | undefined {
  const value = text(params, name);
  return value === '' ? null : value;
}

function create(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const { params } = request;
  const metadata = stringMap(params, 'metadata');
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
    ...Object.fromEntries(EDITABLE.map((name) => [name, nullable(params, name) ?? null])),
    address: object(params, 'address') ?? null,
    shipping: object(params, 'shipping') ?? null,
    metadata: metadata === '' || metadata === undefined ? {} : metadata,
    preferred_locales: Array.isArray(params.preferred_locales) ? params.preferred_locales.map(String) : [],
  });
  request.store.customers.set(customer.id, customer);
  runtime.events.record(request, 'customer.created', customer);
  return customer;
}

function update(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const customer = customerOf(request, request.path.id ?? '');
  const { params } = request;
  const previous: Record<string, unknown> = {};
  const set = (name: string, value: unknown) => {
    if (value === undefined || JSON.stringify(customer[name]) === JSON.stringify(value)) return;
    previous[name] = customer[name];
    customer[name] = value;
  };
  for (const name of EDITABLE) set(name, nullable(params, name));
  if (params.address !== undefined) set('address', params.address === '' ? null : object(params, 'address'));
  if (params.shipping !== undefined) set('shipping', params.shipping === '' ? null : object(params, 'shipping'));
  const metadata = stringMap(params, 'metadata');
  if (metadata !== undefined) set('metadata', mergeMetadata(customer.metadata as Record<string, string>, metadata));
  if (Object.keys(previous).length > 0) runtime.events.record(request, 'customer.updated', customer, previous);
  return customer;
}

function remove(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const customer = customerOf(request, request.path.id ?? '');
  runtime.events.record(request, 'customer.deleted', customer);
  const stub: StripeObject = { id: customer.id, object: 'customer', deleted: true };
  request.store.customers.set(customer.id, stub);
  return stub;
}

function live(request: RouteRequest): StripeObject[] {
  return newestFirst(request.store.customers.values()).filter((c) => c.deleted !== true);
}

/** Customers: create, retrieve, update, delete, list (with `email`), search. */
export const customerRoutes: Route[] = [
  {
    method: 'get',
    path: '/v1/customers/search',
    known: knownParams(SearchCustomersParams),
    handle: (request) => {
      const matches = parseSearchQuery(requiredText(request.params, 'query'));
      return searchPage(live(request).filter(matches), request.params, '/v1/customers/search');
    },
  },
  { method: 'post', path: '/v1/customers', known: knownParams(CreateCustomerParams), handle: create },
  {
    method: 'get',
    path: '/v1/customers',
    known: knownParams(ListCustomersParams),
    handle: (request) => {
      const email = text(request.params, 'email');
      const items = filterCreated(live(request), request.params).filter((c) => email === undefined || c.email === email);
      return listPage(items, request.params, '/v1/customers');
    },
  },
  {
    method: 'get',
    path: '/v1/customers/:id',
    known: knownParams(RetrieveCustomerParams),
    handle: (request) => {
      const id = request.path.id ?? '';
      const found = request.store.customers.get(id);
      if (!found) throw noSuch('customer', id);
      return found;
    },
  },
  { method: 'post', path: '/v1/customers/:id', known: knownParams(UpdateCustomerParams), handle: update },
  { method: 'delete', path: '/v1/customers/:id', known: knownParams(DeleteCustomerParams), handle: remove },
];
