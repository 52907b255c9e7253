import { z } from 'zod';

const cache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A copy of `schema` in which every plain object lets unknown keys through,
 * however deep. Providers add fields every month; a response schema must keep
 * them rather than drop them or fail. Objects with refinements are loosened
 * at their own level only, since rebuilding them would lose the refinements.
 */
export function lenient<T extends z.ZodType>(schema: T): T {
  const hit = cache.get(schema);
  if (hit) return hit as T;
  const out = loosen(schema);
  cache.set(schema, out);
  return out as T;
}

function loosen(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    if ((schema._zod.def.checks ?? []).length > 0) return schema.loose();
    const shape: Record<string, z.ZodType> = {};
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = lenient(value);
    return z.looseObject(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(lenient(schema.element as z.ZodType));
  if (schema instanceof z.ZodOptional) return lenient(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return lenient(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodDiscriminatedUnion) return schema;
  if (schema instanceof z.ZodUnion) {
    return z.union((schema.options as z.ZodType[]).map((o) => lenient(o)) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  }
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType as z.ZodString, lenient(schema.valueType as z.ZodType));
  return schema;
}

/**
 * An enum that accepts values added later: known values keep their literal
 * types for autocompletion, and any other string passes instead of failing.
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T): z.ZodType<T[number] | (string & {})> {
  return z.string().meta({ knownValues: values }) as z.ZodType<T[number] | (string & {})>;
}
