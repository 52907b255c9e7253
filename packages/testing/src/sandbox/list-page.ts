/** A page of items, and what the provider says about the next one. */
export interface ListPage<T> {
  items: T[];
  /** Whether more items follow this page. */
  hasMore: boolean;
  /** Where the next page starts, in this pagination's terms (an id, an offset, a token); undefined on the last page. */
  next?: string | number;
}

/**
 * Cuts one page out of a list the way a provider paginates. Returns the
 * page, or a `Response` (the provider's error) when the request's cursor,
 * offset or token is wrong. Make one with {@link cursorPages},
 * {@link offsetPages} or {@link tokenPages}, or write your own.
 */
export type Paginate<T, P> = (items: readonly T[], params: P) => ListPage<T> | Response;

/** A provider's "that page parameter is wrong" answer. */
export type BadPageParam = (param: string, value: string) => Response;

const badPage: BadPageParam = (param, value) =>
  Response.json({ error: { type: 'invalid_request', param, message: `Invalid ${param}: ${value}` } }, { status: 400 });

/** Options shared by the ready-made paginations. */
export interface PageOptions {
  /** The parameter with the page size. Default `limit`. */
  limitParam?: string;
  /** Page size when the request names none. Default 10. */
  defaultLimit?: number;
  /** The largest page. Default 100. */
  maxLimit?: number;
  /** The error for a bad cursor, offset or token. Default a 400 naming the parameter. */
  invalid?: BadPageParam;
  /** The error for a limit below 1 or above `maxLimit`. Default: none, the limit is brought into range (as many providers do). */
  limitOutOfRange?: BadPageParam;
}

/** The page size a request asks for, or the provider's refusal of it (with `limitOutOfRange`). */
function pageSize(params: Record<string, unknown>, options: PageOptions): number | Response {
  const param = options.limitParam ?? 'limit';
  const limit = params[param];
  const fallback = options.defaultLimit ?? 10;
  const max = options.maxLimit ?? 100;
  const n = typeof limit === 'number' ? limit : typeof limit === 'string' ? Number(limit) : Number.NaN;
  if (options.limitOutOfRange && limit !== undefined && (!Number.isInteger(n) || n < 1 || n > max)) {
    return options.limitOutOfRange(param, String(limit));
  }
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

/**
 * Cursor pages: the page after the item whose id is in `afterParam`
 * (Stripe's `starting_after`), or, with `beforeParam`, the page just before
 * the item named there (Stripe's `ending_before`; `hasMore` then says
 * whether items precede the page, and `next` is its first id).
 */
export function cursorPages<T, P extends object>(
  options: PageOptions & { afterParam?: string; beforeParam?: string; id?: (item: T) => string } = {},
): Paginate<T, P> {
  const after = options.afterParam ?? 'starting_after';
  const id = options.id ?? ((item: T) => String((item as { id?: unknown }).id));
  const find = (items: readonly T[], param: string, cursor: unknown): number | Response => {
    const index = items.findIndex((item) => id(item) === String(cursor));
    return index === -1 ? (options.invalid ?? badPage)(param, String(cursor)) : index;
  };
  return (items, params) => {
    const record = params as Record<string, unknown>;
    const limit = pageSize(record, options);
    if (limit instanceof Response) return limit;
    const before = options.beforeParam === undefined ? undefined : record[options.beforeParam];
    if (options.beforeParam !== undefined && before !== undefined && before !== '') {
      const end = find(items, options.beforeParam, before);
      if (end instanceof Response) return end;
      const start = Math.max(0, end - limit);
      const page = items.slice(start, end);
      const first = page[0];
      return { items: page, hasMore: start > 0, ...(start > 0 && first !== undefined ? { next: id(first) } : {}) };
    }
    const cursor = record[after];
    let start = 0;
    if (cursor !== undefined && cursor !== '') {
      const index = find(items, after, cursor);
      if (index instanceof Response) return index;
      start = index + 1;
    }
    const page = items.slice(start, start + limit);
    const hasMore = start + page.length < items.length;
    const last = page.at(-1);
    return { items: page, hasMore, ...(hasMore && last !== undefined ? { next: id(last) } : {}) };
  };
}

/** Offset pages: `offsetParam` items skipped. */
export function offsetPages<T, P extends object>(options: PageOptions & { offsetParam?: string } = {}): Paginate<T, P> {
  const param = options.offsetParam ?? 'offset';
  return (items, params) => {
    const record = params as Record<string, unknown>;
    const limit = pageSize(record, options);
    if (limit instanceof Response) return limit;
    const raw = record[param] ?? 0;
    const offset = Number(raw);
    if (!Number.isInteger(offset) || offset < 0) return (options.invalid ?? badPage)(param, String(raw));
    const page = items.slice(offset, offset + limit);
    const hasMore = offset + page.length < items.length;
    return { items: page, hasMore, ...(hasMore ? { next: offset + page.length } : {}) };
  };
}

/** Page tokens: an opaque `tokenParam` from the previous page says where to go on. */
export function tokenPages<T, P extends object>(options: PageOptions & { tokenParam?: string } = {}): Paginate<T, P> {
  const param = options.tokenParam ?? 'page_token';
  return (items, params) => {
    const record = params as Record<string, unknown>;
    const limit = pageSize(record, options);
    if (limit instanceof Response) return limit;
    const token = record[param];
    let start = 0;
    if (token !== undefined && token !== '') {
      const offset = readToken(String(token));
      if (offset === undefined || offset > items.length) return (options.invalid ?? badPage)(param, String(token));
      start = offset;
    }
    const page = items.slice(start, start + limit);
    const hasMore = start + page.length < items.length;
    return { items: page, hasMore, ...(hasMore ? { next: makeToken(start + page.length) } : {}) };
  };
}

function makeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

function readToken(token: string): number | undefined {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown }).o;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
