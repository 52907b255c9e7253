import { bearer, defineConnector, defineOperation } from '@junction/core';
import { z } from 'zod';

const Item = z.object({ id: z.string(), name: z.string(), price: z.number() });

/** A small connector that uses every encoding, path parameters and a base path, for the sandbox kit's tests. */
export const shop = defineConnector({
  name: 'shop',
  baseUrl: 'https://api.shop.example/api',
  auth: bearer(),
  idempotency: { header: 'Idempotency-Key' },
  operations: {
    createItem: defineOperation({
      method: 'POST',
      path: '/v1/items',
      input: z.object({ name: z.string().min(1), price: z.number().int().nonnegative(), tags: z.array(z.string()).optional() }),
      output: Item,
    }),
    updateItem: defineOperation({
      method: 'POST',
      path: '/v1/items/{id}',
      encoding: 'form',
      queryParams: ['expand'],
      input: z.object({
        id: z.string(),
        price: z.number().int().optional(),
        active: z.boolean().optional(),
        metadata: z.record(z.string(), z.string()).optional(),
        expand: z.array(z.string()).optional(),
      }),
      output: Item,
    }),
    getItem: defineOperation({ method: 'GET', path: '/v1/items/{id}', input: z.object({ id: z.string() }), output: Item }),
    listItems: defineOperation({
      method: 'GET',
      path: '/v1/items',
      input: z.object({ limit: z.number().int().min(1).max(100).default(10), starting_after: z.string().optional() }),
    }),
    ping: defineOperation({ method: 'GET', path: '/v1/ping' }),
  },
});
