import type { CursorPagination } from '@junction/core';
import { z } from 'zod';

/** One page of a Stripe list: `{ object: 'list', data, has_more, url }`. */
export interface StripeList<T> {
  object: 'list';
  data: T[];
  /** True when another page follows; ask for it with `starting_after` set to the last item's id. */
  has_more: boolean;
  url: string;
}

/** One page of a Stripe search: like a list, with an opaque `next_page` token instead of a cursor. */
export interface StripeSearchResult<T> {
  object: 'search_result';
  data: T[];
  has_more: boolean;
  /** Pass it back as `page` for the next page; null on the last. */
  next_page?: string | null;
  url: string;
  total_count?: number;
}

/** The schema of a list page of `item`. */
export function stripeList<T extends z.ZodType>(item: T): z.ZodType<StripeList<z.output<T>>> {
  return z.object({ object: z.literal('list'), data: z.array(item), has_more: z.boolean(), url: z.string() }) as z.ZodType<
    StripeList<z.output<T>>
  >;
}

/** The schema of a search page of `item`. */
export function stripeSearchResult<T extends z.ZodType>(item: T): z.ZodType<StripeSearchResult<z.output<T>>> {
  return z.object({
    object: z.literal('search_result'),
    data: z.array(item),
    has_more: z.boolean(),
    next_page: z.string().nullable().optional(),
    url: z.string(),
    total_count: z.number().optional(),
  }) as z.ZodType<StripeSearchResult<z.output<T>>>;
}

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
