/**
 * Reads how long the provider asks us to wait, in milliseconds, from the
 * headers providers use for it: `retry-after-ms`, `Retry-After` (seconds or an
 * HTTP date), `RateLimit-Reset` and `X-RateLimit-Reset` (seconds from now, or
 * a unix time in seconds or milliseconds). Returns undefined when none is present
 * or readable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const asked = askedWaitMs((name) => headers.get(name), now);
  if (asked !== undefined) return asked;
  const reset = headers.get('ratelimit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset !== null && isNumber(reset)) return Math.max(0, resetToDelay(Number(reset), now));
  return undefined;
}

/**
 * The wait asked for in `retry-after-ms` or `Retry-After` alone. Reset
 * headers are left out: some APIs send them on every answer, where they
 * describe the quota rather than this answer. `get` reads a header by its
 * lowercase name (a `Headers`, or an error's plain record of headers).
 */
export function askedWaitMs(get: (name: string) => string | null | undefined, now: number = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms != null && isNumber(ms)) return Math.max(0, Number(ms));
  const retryAfter = get('retry-after');
  if (retryAfter == null) return undefined;
  if (isNumber(retryAfter)) return Math.max(0, Number(retryAfter) * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// A reset value is a delta when small, a unix time otherwise. A billion seconds is
// 2001 as a date and 31 years as a delta, so nothing real sits on the boundary.
function resetToDelay(value: number, now: number): number {
  if (value < 1e9) return value * 1000;
  if (value < 1e12) return value * 1000 - now;
  return value - now;
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}
