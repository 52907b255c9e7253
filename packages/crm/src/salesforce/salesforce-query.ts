import { type CallOptions, type Client, ConfigurationError } from '@junction/core';
import type { z } from 'zod';
import { SALESFORCE_DATA_PATH } from './salesforce-api.js';
import type { salesforceQueryOperations } from './salesforce-operations-query.js';
import type { QueryResult, SalesforceRecord, SoqlInput } from './salesforce-schemas.js';

type QueryClient = Client<{
  name: string;
  baseUrl: string;
  // biome-ignore lint/suspicious/noExplicitAny: only the query operations are used.
  auth: any;
  operations: typeof salesforceQueryOperations;
}>;

/** Options for query paging. */
export interface QueryPagingOptions extends CallOptions {
  /** Use `queryAll`: deleted and archived rows too. Default false. */
  all?: boolean;
}

/** Query paging over `nextRecordsUrl`. */
export interface QueryMethods {
  /** Every page of a query, following `nextRecordsUrl` until `done`. */
  queryPages(q: z.input<typeof SoqlInput>, options?: QueryPagingOptions): AsyncGenerator<QueryResult, void, undefined>;
  /** Every record of a query, across its pages. */
  queryRecords(q: z.input<typeof SoqlInput>, options?: QueryPagingOptions): AsyncGenerator<SalesforceRecord, void, undefined>;
}

/** Splits a `nextRecordsUrl` into the `queryMore` input; refuses one outside the pinned version's query paths. */
export function nextRecordsLocator(nextRecordsUrl: string): { resource: 'query' | 'queryAll'; locator: string } {
  const match = /^\/services\/data\/v\d+\.\d+\/(query|queryAll)\/([A-Za-z0-9-]+)$/.exec(nextRecordsUrl);
  if (!match || !nextRecordsUrl.startsWith(`${SALESFORCE_DATA_PATH}/`)) {
    throw new ConfigurationError(
      `Refusing to follow nextRecordsUrl "${nextRecordsUrl.slice(0, 120)}": it is not a query page of ${SALESFORCE_DATA_PATH}.`,
    );
  }
  return { resource: match[1] as 'query' | 'queryAll', locator: match[2] as string };
}

/** The paging helpers for a client with the query operations. */
export function queryMethods(client: QueryClient): QueryMethods {
  async function* queryPages(q: z.input<typeof SoqlInput>, options: QueryPagingOptions = {}) {
    const { all, ...callOptions } = options;
    let page = all ? await client.queryAll({ q }, callOptions) : await client.query({ q }, callOptions);
    yield page;
    while (!page.done && page.nextRecordsUrl) {
      page = await client.queryMore(nextRecordsLocator(page.nextRecordsUrl), callOptions);
      yield page;
    }
  }
  async function* queryRecords(q: z.input<typeof SoqlInput>, options: QueryPagingOptions = {}) {
    for await (const page of queryPages(q, options)) yield* page.records;
  }
  return { queryPages, queryRecords };
}
