import type { AccountStore } from './store.js';

/**
 * Applies `expand` to a response: each path (`customer`,
 * `latest_charge.payment_intent`, `data.customer` on lists) whose value is
 * an id of an object the sandbox holds is replaced by a copy of that object.
 */
export function applyExpand(body: unknown, paths: readonly string[], store: AccountStore): unknown {
  let out = body;
  for (const path of paths) out = expandPath(out, path.split('.'), store);
  return out;
}

function expandPath(value: unknown, path: string[], store: AccountStore): unknown {
  const [head, ...rest] = path;
  if (head === undefined || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => expandPath(item, path, store));
  const record = { ...(value as Record<string, unknown>) };
  let field = record[head];
  if (typeof field === 'string') field = structuredClone(store.find(field)) ?? field;
  record[head] = rest.length > 0 ? expandPath(field, rest, store) : field;
  return record;
}
