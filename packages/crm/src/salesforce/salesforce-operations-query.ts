import { defineOperation } from '@junction/core';
import { z } from 'zod';
import { QueryResult, SoqlInput } from './salesforce-schemas.js';

/** SOQL query operations. Follow `nextRecordsUrl` with `queryRecords` / `queryPages`, which call `queryMore`. */
export const salesforceQueryOperations = {
  /** `GET /query?q=…` → the first page. Build `q` with `soql` or `soqlTemplate`. */
  query: defineOperation({
    method: 'GET',
    path: '/query',
    input: z.object({ q: SoqlInput }),
    output: QueryResult,
    description: 'Runs a SOQL query (first page).',
  }),
  /** `GET /queryAll?q=…`: like `query`, with deleted and archived rows. */
  queryAll: defineOperation({
    method: 'GET',
    path: '/queryAll',
    input: z.object({ q: SoqlInput }),
    output: QueryResult,
    description: 'Runs a SOQL query including deleted and archived rows (first page).',
  }),
  /** `GET /query/{locator}` (or `/queryAll/{locator}`): the page a `nextRecordsUrl` names. */
  queryMore: defineOperation({
    method: 'GET',
    path: '/{resource}/{locator}',
    input: z.object({ resource: z.enum(['query', 'queryAll']), locator: z.string().regex(/^[A-Za-z0-9-]+$/) }),
    output: QueryResult,
    description: 'Reads the next page of a query.',
  }),
};
