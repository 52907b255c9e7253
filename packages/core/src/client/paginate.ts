import type { AnyOperation } from '../connector/operation.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import { nextLink, type Pagination } from '../pagination/pagination.js';
import type { JunctionResponse } from '../pipeline/context.js';

/** One fetched page: the parsed output and the response it came from. */
export interface FetchedPage {
  data: unknown;
  response: JunctionResponse;
}

/** How the iterators fetch: by input (cursor, offset, page) or by URL (Link header). */
export interface PageFetchers {
  byInput(input: Record<string, unknown>): Promise<FetchedPage>;
  byUrl(url: string): Promise<FetchedPage>;
}

/**
 * Walks an operation's pages, following its pagination declaration. Checks
 * the signal before each page, so an abort stops it without another request;
 * a `break` in the caller's loop stops it too.
 */
export async function* paginatePages(
  operation: AnyOperation,
  input: Record<string, unknown>,
  fetchers: PageFetchers,
  signal: AbortSignal | undefined,
): AsyncGenerator<unknown, void, undefined> {
  const pagination = operation.paginate as Pagination<unknown, unknown>;
  let next: { input: Record<string, unknown> } | { url: string } | undefined = { input };
  let offset = pagination.style === 'offset' ? Number(input[pagination.offsetParam] ?? 0) : 0;
  let pageNumber = pagination.style === 'page' ? Number(input[pagination.pageParam] ?? pagination.firstPage ?? 1) : 0;

  while (next) {
    signal?.throwIfAborted();
    const page: FetchedPage = 'url' in next ? await fetchers.byUrl(next.url) : await fetchers.byInput(next.input);
    yield page.data;
    const items = pagination.items(page.data);

    switch (pagination.style) {
      case 'cursor': {
        const cursor = pagination.nextCursor(page.data);
        next =
          cursor === null || cursor === undefined || cursor === '' ? undefined : { input: { ...input, [pagination.cursorParam]: cursor } };
        break;
      }
      case 'offset': {
        const limit = pagination.limitParam ? Number(input[pagination.limitParam]) : Number.NaN;
        const total = pagination.total?.(page.data);
        const last = items.length === 0 || items.length < limit || (total !== undefined && offset + items.length >= total);
        offset += items.length;
        next = last ? undefined : { input: { ...input, [pagination.offsetParam]: offset } };
        break;
      }
      case 'page': {
        const more = pagination.hasMore ? pagination.hasMore(page.data) : items.length > 0;
        pageNumber += 1;
        next = more && items.length > 0 ? { input: { ...input, [pagination.pageParam]: pageNumber } } : undefined;
        break;
      }
      case 'link': {
        const url = nextLink(page.response.headers.get('link'));
        next = url ? { url: sameOrigin(url, page.response.url) } : undefined;
        break;
      }
    }
  }
}

/** Each item across the pages of {@link paginatePages}. */
export async function* paginateItems(
  operation: AnyOperation,
  pages: AsyncGenerator<unknown, void, undefined>,
): AsyncGenerator<unknown, void, undefined> {
  const pagination = operation.paginate as Pagination<unknown, unknown>;
  for await (const page of pages) yield* pagination.items(page);
}

// Credentials go with every page: never follow a Link to another host.
function sameOrigin(link: string, current: string): string {
  const url = new URL(link, current);
  if (url.origin !== new URL(current).origin) {
    throw new ConfigurationError(
      `Refusing to follow a pagination link to ${url.origin}: it is not the API's origin (${new URL(current).origin}), and the request would carry credentials there.`,
    );
  }
  return url.href;
}
