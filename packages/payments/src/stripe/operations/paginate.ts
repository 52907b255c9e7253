import type { CursorPagination } from '@junction/core';
import type { StripeList, StripeSearchResult } from '../schemas/list.js';

/**
 * Stripe list pagination: while `has_more`, the next page starts after the
 * last item's id. Walks forward only (`starting_after`).
 */
export function listPages<T extends { id: string }>(): CursorPagination<StripeList<T>, T> {
  return {
    style: 'cursor',
    items: (page) => page.data,
    nextCursor: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
    cursorParam: 'starting_after',
  };
}

/** Stripe search pagination: while `has_more`, pass `next_page` back as `page`. */
export function searchPages<T>(): CursorPagination<StripeSearchResult<T>, T> {
  return {
    style: 'cursor',
    items: (page) => page.data,
    nextCursor: (page) => (page.has_more ? page.next_page : undefined),
    cursorParam: 'page',
  };
}
