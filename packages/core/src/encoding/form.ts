/**
 * Encodes a value as `application/x-www-form-urlencoded` with nested brackets,
 * the way Stripe and many Rails-style APIs read it: `metadata[plan]=pro`,
 * `items[0][price]=p_1`, booleans as `true`/`false`, dates as unix seconds, and
 * `null` or `''` as an empty value (which unsets a field). `undefined`, empty
 * arrays and empty objects are left out. The output is qs's
 * (`arrayFormat: 'indices'`), with brackets kept literal for readable logs;
 * a differential test holds the two equal. Core writes it itself because
 * loading qs cost more at import than the rest of core.
 */
export function encodeForm(value: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const key of Object.keys(value)) addPairs(pairs, encodePart(key), value[key]);
  return pairs.join('&');
}

function addPairs(pairs: string[], key: string, value: unknown): void {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return;
  if (value === null) {
    pairs.push(`${key}=`);
  } else if (value instanceof Date) {
    pairs.push(`${key}=${Math.floor(value.getTime() / 1000)}`);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) addPairs(pairs, `${key}[${i}]`, value[i]);
  } else if (typeof value === 'object') {
    for (const name of Object.keys(value)) addPairs(pairs, `${key}[${encodePart(name)}]`, (value as Record<string, unknown>)[name]);
  } else {
    pairs.push(`${key}=${encodePart(String(value))}`);
  }
}

// RFC 3986 unreserved characters stay; everything else is percent-encoded as UTF-8, except brackets, kept literal.
// A lone surrogate (not valid text) becomes U+FFFD rather than an exception from deep inside a request.
function encodePart(text: string): string {
  return percentEncode(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%5B', '[')
    .replaceAll('%5D', ']');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function percentEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
  }
}
