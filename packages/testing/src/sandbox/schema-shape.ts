import type { z } from 'zod';

// zod 4 keeps a schema's kind and parts in `_zod.def`; only the wrappers an input schema commonly uses are followed.
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: readonly z.ZodType[];
  catchall?: z.ZodType;
}

/** The definition of a zod schema. */
export function defOf(schema: z.ZodType): SchemaDef {
  return (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
}

/** The schema under optional, nullable, default, readonly, catch and the input side of pipes (transforms). */
export function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) {
      current = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      current = def.in;
    } else {
      return current;
    }
  }
}

/** True when an input schema takes a list (a batch endpoint's JSON array body). */
export function takesList(schema: z.ZodType | undefined): boolean {
  return schema !== undefined && defOf(unwrap(schema)).type === 'array';
}

/**
 * The top-level field names an input schema accepts (for a list, those of
 * each item), or undefined when it takes any (not an object, or an object
 * with a catchall or a loose shape).
 * With `declared`, a loose object or one with a catchall still names its
 * shape's fields: what the provider itself takes, when the client's schema
 * lets other keys through only so that newer parameters can be sent.
 */
export function knownFields(schema: z.ZodType | undefined, declared = false): readonly string[] | undefined {
  if (!schema) return [];
  const def = defOf(unwrap(schema));
  if (def.type === 'array' && def.element) return knownFields(def.element, declared);
  if (def.type !== 'object' || !def.shape) return undefined;
  const catchall = def.catchall ? defOf(def.catchall).type : undefined;
  if (!declared && catchall !== undefined && catchall !== 'never') return undefined;
  return Object.keys(def.shape);
}
