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
