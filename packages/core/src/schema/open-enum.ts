import { z } from 'zod';

/**
 * An enum that accepts values added later: known values keep their literal
 * types for autocompletion, and any other string passes instead of failing.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T): z.ZodType<T[number] | (string & {})> {
  return z.string().meta({ knownValues: values }) as z.ZodType<T[number] | (string & {})>;
}
