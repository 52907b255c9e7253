import { type BadPageParam, cursorPages, type ListPage, type PageOptions, tokenPages } from '@junction/testing';
import { unixSeconds } from './clock.js';
import { invalidParam } from './sandbox-error.js';
import type { StripeObject } from './store.js';

/** The page parameters every Stripe list takes. */
export interface ListParams {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** The `created` filter of a list: `{gt,gte,lt,lte}` or an exact second. */
export type CreatedFilter = number | Date | { gt?: number | Date; gte?: number | Date; lt?: number | Date; lte?: number | Date };

// Handlers answer errors by throwing them, so Stripe's page errors are thrown from inside the kit's pagination.
const badPage: BadPageParam = (param, value) => {
  throw param === 'page'
    ? invalidParam('page', `Invalid page token: ${value}`)
    : invalidParam(param, `No such object: '${value}'`, 'resource_missing');
};

// Stripe's pages: 10 by default, 1 to 100, anything else refused.
const STRIPE_PAGES: PageOptions = {
  defaultLimit: 10,
  maxLimit: 100,
  invalid: badPage,
  limitOutOfRange: (param) => {
    throw invalidParam(param, 'This value must be greater than or equal to 1 and less than or equal to 100.', 'parameter_invalid_integer');
  },
};

const listPages = cursorPages<StripeObject, ListParams>({ ...STRIPE_PAGES, afterParam: 'starting_after', beforeParam: 'ending_before' });
const searchPages = tokenPages<StripeObject, { limit?: number; page?: string }>({ ...STRIPE_PAGES, tokenParam: 'page' });

/** One page of a Stripe list from `items` (newest first): `limit`, then `starting_after` or `ending_before` an id. */
export function listPage(items: readonly StripeObject[], params: ListParams, url: string): Record<string, unknown> {
  const page = pageOrThrow(listPages(items, params));
  return { object: 'list', data: page.items, has_more: page.hasMore, url };
}

/** One page of a search: `page` is an opaque token for where the previous page stopped. */
export function searchPage(
  items: readonly StripeObject[],
  params: { limit?: number; page?: string },
  url: string,
): Record<string, unknown> {
  const page = pageOrThrow(searchPages(items, params));
  const next = page.hasMore ? String(page.next) : null;
  return { object: 'search_result', data: page.items, has_more: page.hasMore, next_page: next, url, total_count: items.length };
}

/** Items created within `created`. */
export function filterCreated(items: readonly StripeObject[], created: CreatedFilter | undefined): StripeObject[] {
  if (created === undefined) return [...items];
  if (typeof created === 'number' || created instanceof Date) return items.filter((item) => item.created === unixSeconds(created));
  const [gt, gte, lt, lte] = [created.gt, created.gte, created.lt, created.lte].map((b) => (b === undefined ? undefined : unixSeconds(b)));
  return items.filter((item) => {
    const at = Number(item.created);
    return (
      (gt === undefined || at > gt) && (gte === undefined || at >= gte) && (lt === undefined || at < lt) && (lte === undefined || at <= lte)
    );
  });
}

/** Objects newest first, as lists serve them. */
export function newestFirst(values: Iterable<StripeObject>): StripeObject[] {
  return [...values].reverse();
}

// Never a Response: Stripe's page errors are thrown (above).
function pageOrThrow(page: ListPage<StripeObject> | Response): ListPage<StripeObject> {
  if (page instanceof Response) throw new Error('unreachable: a page error is thrown');
  return page;
}
