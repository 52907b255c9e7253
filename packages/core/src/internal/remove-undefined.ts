/** The object without its `undefined` fields, typed so: a body then carries only what the caller gave. */
export function removeUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) if (value[key] !== undefined) out[key] = value[key];
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}
