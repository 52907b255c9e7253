/**
 * How an operation's results continue on further pages. Declared on the
 * operation; the client turns it into async iterators over pages and items.
 * `items` picks the items out of one page.
 */
export type Pagination<TPage, TItem> =
  | CursorPagination<TPage, TItem>
  | OffsetPagination<TPage, TItem>
  | PagePagination<TPage, TItem>
  | LinkPagination<TPage, TItem>;

/** The next page is asked for with a cursor read from this one (Stripe `starting_after`, HubSpot `after`). */
export interface CursorPagination<TPage, TItem> {
  style: 'cursor';
  items: (page: TPage) => readonly TItem[];
  /** The cursor for the next page, or null/undefined when this is the last. */
  nextCursor: (page: TPage) => string | number | null | undefined;
  /** The input field the cursor goes in. */
  cursorParam: string;
}

/** The next page starts `items.length` further on. Stops at an empty or short page, or at `total`. */
export interface OffsetPagination<TPage, TItem> {
  style: 'offset';
  items: (page: TPage) => readonly TItem[];
  /** The input field for the offset, e.g. `offset`. */
  offsetParam: string;
  /** The input field for the page size, e.g. `limit`: a page shorter than it is the last. */
  limitParam?: string;
  /** The total number of items, when the page says. */
  total?: (page: TPage) => number | undefined;
}

/** Pages are numbered. Stops at an empty page, or when `hasMore` says so. */
export interface PagePagination<TPage, TItem> {
  style: 'page';
  items: (page: TPage) => readonly TItem[];
  /** The input field for the page number, e.g. `page`. */
  pageParam: string;
  /** The number of the first page; default 1. */
  firstPage?: number;
  hasMore?: (page: TPage) => boolean;
}

/** The next page's URL comes in the `Link` response header, `rel="next"` (GitHub style). */
export interface LinkPagination<TPage, TItem> {
  style: 'link';
  items: (page: TPage) => readonly TItem[];
}

/** The `rel="next"` URL of a `Link` header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (match && /\brel\s*=\s*"?([^";]*\s)?next(\s[^";]*)?"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}
