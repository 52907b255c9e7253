import type { z } from 'zod';
import { defOf, rebuilt } from './zod-def.js';

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
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const object = schema as z.ZodObject;
      if ((def.checks ?? []).length > 0) return object.loose();
      const shape: Record<string, z.ZodType> = {};
      for (const [key, value] of Object.entries(def.shape ?? {})) shape[key] = lenient(value);
      return rebuilt(object, { shape }).loose();
    }
    case 'array':
      return rebuilt(schema, { element: lenient(def.element as z.ZodType) });
    case 'optional':
    case 'nullable':
      return rebuilt(schema, { innerType: lenient(def.innerType as z.ZodType) });
    case 'union':
      // A discriminated union keeps its options: loosening them could blur which one a value is.
      return def.discriminator === undefined ? rebuilt(schema, { options: (def.options ?? []).map((o) => lenient(o)) }) : schema;
    case 'record':
      return rebuilt(schema, { valueType: lenient(def.valueType as z.ZodType) });
    default:
      return schema;
  }
}
