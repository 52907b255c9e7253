/** The comparisons a unified search can make; both providers have each. */
export const FILTER_OPERATORS = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte', 'in'] as const;
/** A unified filter operator. */
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** A value a filter compares with. */
export type FilterValue = string | number | boolean | Date;

/**
 * One condition on a field: a unified field (`email`), `createdAt` or
 * `updatedAt`, or one of your custom fields by its key. `contains` is a
 * word match at HubSpot (`CONTAINS_TOKEN`) and a substring match at
 * Salesforce (`LIKE`): use it for search boxes, not for exact logic.
 */
export type CrmFilter<F extends string = string> =
  | { field: F; op: Exclude<FilterOperator, 'in'>; value: FilterValue }
  | { field: F; op: 'in'; value: readonly (string | number)[] };

/** One sort key, ascending unless told otherwise. */
export interface CrmSort<F extends string = string> {
  field: F;
  direction?: 'asc' | 'desc';
}

/** A search: every filter must hold (AND), sorted, a page at a time. */
export interface CrmSearch<F extends string = string> {
  filters?: readonly CrmFilter<F>[];
  sorts?: readonly CrmSort<F>[];
  /** Records per page. Default 100. */
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
}

/** Options of a plain listing. */
export interface CrmListOptions {
  /** Records per page. Default 100. */
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
}

/** One page of records, and where the next one starts (`null` at the end). */
export interface CrmPage<T> {
  items: T[];
  next: string | null;
}
