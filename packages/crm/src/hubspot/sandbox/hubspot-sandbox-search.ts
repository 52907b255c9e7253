import type { HubspotFilter } from '../hubspot-schemas.js';
import type { StoredObject } from './hubspot-sandbox-store.js';

/** A search request as the sandbox's handler receives it (after the input schema). */
export interface SearchParams {
  filterGroups?: { filters: HubspotFilter[] }[];
  sorts?: (string | { propertyName: string; direction?: 'ASCENDING' | 'DESCENDING' })[];
  query?: string;
  limit?: number;
  after?: string;
}

// The properties a free-text `query` looks in (HubSpot searches each type's default text properties).
const QUERY_PROPERTIES = ['firstname', 'lastname', 'email', 'phone', 'name', 'domain', 'dealname'];

/** Records matching a search: filter groups OR-ed, filters AND-ed, `query` a text match; sorted (default by id). */
export function searchObjects(objects: readonly StoredObject[], params: SearchParams): StoredObject[] {
  const groups = params.filterGroups ?? [];
  const query = params.query?.trim().toLowerCase();
  const matched = objects.filter(
    (object) =>
      (groups.length === 0 || groups.some((group) => group.filters.every((filter) => matches(object.properties, filter)))) &&
      (!query || QUERY_PROPERTIES.some((name) => object.properties[name]?.toLowerCase().includes(query))),
  );
  const sorts = (params.sorts ?? []).map((sort) =>
    typeof sort === 'string' ? { propertyName: sort, direction: 'ASCENDING' as const } : sort,
  );
  return matched.sort((a, b) => {
    for (const sort of sorts) {
      const order = compare(a.properties[sort.propertyName], b.properties[sort.propertyName]);
      if (order !== 0) return sort.direction === 'DESCENDING' ? -order : order;
    }
    return Number(a.id) - Number(b.id);
  });
}

/** True when one record's properties pass one filter, with HubSpot's operators. */
export function matches(properties: Record<string, string | null>, filter: HubspotFilter): boolean {
  const value = properties[filter.propertyName];
  const has = value !== undefined && value !== null && value !== '';
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && compare(value, filter.value) === 0;
    case 'NEQ':
      return !has || compare(value, filter.value) !== 0;
    case 'LT':
      return has && compare(value, filter.value) < 0;
    case 'LTE':
      return has && compare(value, filter.value) <= 0;
    case 'GT':
      return has && compare(value, filter.value) > 0;
    case 'GTE':
      return has && compare(value, filter.value) >= 0;
    case 'BETWEEN':
      return has && compare(value, filter.value) >= 0 && compare(value, filter.highValue) <= 0;
    case 'IN':
      return has && (filter.values ?? []).some((v) => compare(value, v) === 0);
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => compare(value, v) === 0);
    case 'CONTAINS_TOKEN':
      return has && containsToken(value, filter.value ?? '');
    case 'NOT_CONTAINS_TOKEN':
      return !has || !containsToken(value, filter.value ?? '');
    default:
      return false;
  }
}

// Numbers (and ms timestamps) compare as numbers, ISO dates as times, everything else as case-insensitive text.
function compare(a: string | null | undefined, b: string | null | undefined): number {
  if (a === undefined || a === null) return b === undefined || b === null ? 0 : -1;
  if (b === undefined || b === null) return 1;
  const x = toNumber(a);
  const y = toNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  return left < right ? -1 : left > right ? 1 : 0;
}

function toNumber(text: string): number | undefined {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

// CONTAINS_TOKEN: a whole token of the value (split on spaces and punctuation), the whole value, or a `*` wildcard pattern.
function containsToken(value: string, token: string): boolean {
  const wanted = token.toLowerCase();
  const text = value.toLowerCase();
  if (wanted.includes('*')) {
    const pattern = new RegExp(`^${wanted.split('*').map(escapeRegExp).join('.*')}$`);
    return pattern.test(text) || text.split(/[^a-z0-9]+/).some((part) => pattern.test(part));
  }
  return text === wanted || text.split(/[^a-z0-9]+/).includes(wanted);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One page by offset: HubSpot's `after` is opaque; here it is the offset of the next record. */
export function offsetPage<T>(items: readonly T[], limit: number, after: string | undefined): { page: T[]; next?: string } | undefined {
  const start = after === undefined || after === '' ? 0 : Number(after);
  if (!Number.isInteger(start) || start < 0) return undefined;
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return end < items.length ? { page, next: String(end) } : { page };
}
