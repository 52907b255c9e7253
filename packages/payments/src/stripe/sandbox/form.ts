/** A decoded form or query value: text, or nested objects and arrays of text. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Decoded parameters, keyed by top-level name. */
export type FormParams = Record<string, FormValue>;

/**
 * Decodes an `application/x-www-form-urlencoded` body or query string the
 * way Stripe reads it: `a[b][0][c]=v` nests, `a[]=v` appends, and an object
 * whose keys are 0, 1, 2… becomes an array. Every leaf stays a string;
 * handlers coerce what they need and answer Stripe's errors when they cannot.
 */
export function parseForm(text: string): FormParams {
  const root: Record<string, unknown> = {};
  if (text === '') return {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const path = keyPath(rawKey);
    let node: Record<string, unknown> = root;
    path.forEach((segment, i) => {
      const last = i === path.length - 1;
      const key = segment === '' ? String(nextIndex(node)) : segment;
      if (last) node[key] = value;
      else {
        const child = node[key];
        node[key] = typeof child === 'object' && child !== null ? child : {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return toArrays(root) as FormParams;
}

function keyPath(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const segments = [key.slice(0, first)];
  for (const match of key.slice(first).matchAll(/\[([^\]]*)\]/g)) segments.push(match[1] ?? '');
  return segments;
}

function nextIndex(node: Record<string, unknown>): number {
  return Object.keys(node).filter((k) => /^\d+$/.test(k)).length;
}

function toArrays(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toArrays(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  if (!indexed) return Object.fromEntries(entries);
  return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
}
