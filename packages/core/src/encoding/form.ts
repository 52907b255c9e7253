import qs from 'qs';

/**
 * Encodes a value as `application/x-www-form-urlencoded` with nested brackets,
 * the way Stripe and many Rails-style APIs read it: `metadata[plan]=pro`,
 * `items[0][price]=p_1`, booleans as `true`/`false`, dates as unix seconds, and
 * `null` or `''` as an empty value (which unsets a field). `undefined` is left out.
 */
export function encodeForm(value: Record<string, unknown>): string {
  return (
    qs
      .stringify(value, {
        arrayFormat: 'indices',
        serializeDate: (date: Date) => String(Math.floor(date.getTime() / 1000)),
      })
      // Brackets are legal in form bodies; keeping them literal makes bodies readable in logs.
      .replaceAll('%5B', '[')
      .replaceAll('%5D', ']')
  );
}
