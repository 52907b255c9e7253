/** The metadata after an update, as Stripe merges it: `''` removes a key, `''` for the whole map clears it. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, string> | '' | undefined): Record<string, string> {
  if (update === undefined) return current;
  if (update === '') return {};
  const next = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === '') delete next[key];
    else next[key] = value;
  }
  return next;
}
