import { bearer, defineConnector, defineOperation } from '@junction/core';
import { z } from 'zod';

const address = z.object({
  city: z.string().nullable(),
  country: z.string().nullable(),
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  postal_code: z.string().nullable(),
  state: z.string().nullable(),
});

/** The output mapping under test: a typed Stripe customer (unknown keys pass, as core makes every output schema lenient). */
export const customerSchema = z.object({
  id: z.string(),
  object: z.literal('customer'),
  address: address.nullable(),
  balance: z.number().int(),
  created: z.number().int(),
  currency: z.string().nullable(),
  delinquent: z.boolean().nullable(),
  description: z.string().nullable(),
  email: z.string().nullable(),
  livemode: z.boolean(),
  metadata: z.record(z.string(), z.string()),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  preferred_locales: z.array(z.string()),
  shipping: z.object({ address, name: z.string(), phone: z.string().nullable() }).nullable(),
  tax_exempt: z.string(),
});

/**
 * A Stripe-shaped connector for the loopback server: bearer auth, the
 * default idempotency, retry and rate-limit layers, and one typed GET.
 */
export const benchApi = defineConnector({
  name: 'benchapi',
  baseUrl: 'http://127.0.0.1:1',
  auth: bearer(),
  operations: {
    getCustomer: defineOperation({
      method: 'GET',
      path: '/v1/customers/{id}',
      input: z.object({ id: z.string() }),
      output: customerSchema,
    }),
    // The same request with no output schema: what the pipeline costs without zod's mapping of the body.
    getCustomerUnmapped: defineOperation({
      method: 'GET',
      path: '/v1/customers/{id}',
      input: z.object({ id: z.string() }),
    }),
  },
});

export const TOKEN = 'sk_test_bench_0123456789';
export const CUSTOMER_ID = 'cus_QX4mZ8bT1aLk9e';
