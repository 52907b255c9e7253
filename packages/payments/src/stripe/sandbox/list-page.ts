import { integer, text } from './coerce.js';
import type { FormParams } from './form.js';
import { invalidParam } from './sandbox-error.js';
import type { StripeObject } from './store.js';

/**
 * One page of a Stripe list from `items` (newest first): `limit` (1–100,
 * default 10), then `starting_after` or `ending_before` an id.
 */
export function listPage(items: readonly StripeObject[], params: FormParams, url: string): Record<string, unknown> {
  const limit = pageLimit(params);
  const after = text(params, 'starting_after');
  const before = text(params, 'ending_before');
  let start = 0;
  let end = items.length;
  if (after) start = indexOrThrow(items, after, 'starting_after') + 1;
  if (before) {
    end = indexOrThrow(items, before, 'ending_before');
    start = Math.max(0, end - limit);
  }
  const data = items.slice(start, Math.min(end, start + limit));
  const hasMore = before ? start > 0 : start + data.length < end;
  return { object: 'list', data, has_more: hasMore, url };
}

/** One page of a search: `page` is an opaque token for where the previous page stopped. */
export function searchPage(items: readonly StripeObject[], params: FormParams, url: string): Record<string, unknown> {
  const limit = pageLimit(params);
  const token = text(params, 'page');
  const start = token ? readToken(token) : 0;
  const data = items.slice(start, start + limit);
  const next = start + data.length < items.length ? makeToken(start + data.length) : null;
  return { object: 'search_result', data, has_more: next !== null, next_page: next, url, total_count: items.length };
}

/** Items created within `created` (`{gt,gte,lt,lte}` or an exact second). */
export function filterCreated(items: readonly StripeObject[], params: FormParams): StripeObject[] {
  const created = params.created;
  if (created === undefined) return [...items];
  if (typeof created === 'string') return items.filter((item) => item.created === Number(created));
  if (Array.isArray(created)) throw invalidParam('created', 'Invalid created: must be a hash or an integer.');
  const bound = (name: string) => (typeof created[name] === 'string' ? Number(created[name]) : undefined);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return items.filter((item) => {
    const at = Number(item.created);
    return (
      (gt === undefined || at > gt) && (gte === undefined || at >= gte) && (lt === undefined || at < lt) && (lte === undefined || at <= lte)
    );
  });
}

/** Objects of a map newest first, as lists serve them. */
export function newestFirst(values: Iterable<StripeObject>): StripeObject[] {
  return [...values].reverse();
}

function pageLimit(params: FormParams): number {
  const limit = integer(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidParam(
      'limit',
      'This value must be greater than or equal to 1 and less than or equal to 100.',
      'parameter_invalid_integer',
    );
  return limit;
}

function indexOrThrow(items: readonly StripeObject[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw invalidParam(param, `No such object: '${id}'`, 'resource_missing');
  return index;
}

function makeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function readToken(token: string): number {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
    if (typeof offset === 'number' && offset >= 0) return offset;
  } catch {
    // Fall through to the error.
  }
  throw invalidParam('page', `Invalid page token: ${token}`);
}
