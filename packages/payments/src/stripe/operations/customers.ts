import { defineOperation } from '@junction/core';
import { z } from 'zod';
import { stripeList, stripeSearchResult } from '../schemas/list.js';
import { Customer, DeletedCustomer } from '../schemas/objects.generated.js';
import {
  CreateCustomerParams,
  DeleteCustomerParams,
  ListCustomersParams,
  RetrieveCustomerParams,
  SearchCustomersParams,
  UpdateCustomerParams,
} from '../schemas/params.generated.js';
import { listPages, searchPages } from './paginate.js';

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
