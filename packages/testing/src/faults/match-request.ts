import { matchRequestUrl, type Path } from 'msw';
import type { RecordedRequest } from '../loopback/recorded-request.js';

/**
 * Which requests something applies to: a method and/or a path (an msw path
 * pattern such as `/v1/charges/:id`, or a RegExp tested against the path),
 * or a predicate of the recorded request.
 */
export type RequestMatcher = { method?: string; path?: Path } | ((request: RecordedRequest) => boolean);

/** True when `request` is one `matcher` selects. */
export function matchesRequest(matcher: RequestMatcher, request: RecordedRequest): boolean {
  if (typeof matcher === 'function') return matcher(request);
  if (matcher.method && matcher.method.toUpperCase() !== request.method) return false;
  if (matcher.path === undefined) return true;
  if (matcher.path instanceof RegExp) return matcher.path.test(request.path);
  // Reuse msw's own matching so a fault targets paths written the same way as the handlers.
  const url = new URL(request.url);
  return matchRequestUrl(url, matcher.path, url.origin).matches;
}
