import type { z } from 'zod';
import { lenient } from './lenient.js';
import { defOf, rebuilt, type ZodDef } from './zod-def.js';

/** How one schema is read leniently: checked in place when it cannot change a value, else parsed through its loose copy. */
type Plan = { check: z.ZodType } | { loose: z.ZodType };

const plans = new WeakMap<z.ZodType, Plan>();

/**
 * Parses `data` the way {@link lenient} would, without copying what the
 * schema does not declare. When nothing in the schema can change a value
 * (no transform, default, coercion, catch or refined object), the data is
 * checked against a strip-mode copy, which reads only the declared keys,
 * and returned as it came, unknown keys and their order included. A loose
 * parse would rebuild every object key by key, most of a provider
 * payload's cost. Other schemas take the loose parse.
 */
export function parseLenient<T extends z.ZodType>(schema: T, data: unknown): z.ZodSafeParseResult<z.output<T>> {
  let plan = plans.get(schema);
  if (!plan) {
    const check = pure(schema) ? stripped(schema) : undefined;
    plan = check ? { check } : { loose: lenient(schema) };
    plans.set(schema, plan);
  }
  if ('loose' in plan) return plan.loose.safeParse(data) as z.ZodSafeParseResult<z.output<T>>;
  const result = plan.check.safeParse(data);
  return result.success ? { success: true, data: data as z.output<T> } : (result as z.ZodSafeParseResult<z.output<T>>);
}

// Leaves whose output is their input, unless they coerce or overwrite it.
const LEAVES = new Set(['string', 'number', 'boolean', 'bigint', 'null', 'undefined', 'literal', 'enum', 'unknown', 'any', 'never']);

function pure(schema: z.ZodType, visiting = new Set<z.ZodType>()): boolean {
  // A schema within itself (a recursive getter) takes the loose parse; one merely used twice (an address) is read once per use.
  if (visiting.has(schema)) return false;
  visiting.add(schema);
  const result = pureDef(defOf(schema), (s) => s !== undefined && pure(s, visiting));
  visiting.delete(schema);
  return result;
}

function pureDef(def: ZodDef, inner: (schema: z.ZodType | undefined) => boolean): boolean {
  // `.trim()`, `.toLowerCase()` and the like are checks that overwrite the value.
  if (LEAVES.has(def.type))
    return def.coerce !== true && (def.checks ?? []).every((check) => defOf(check as z.ZodType).check !== 'overwrite');
  switch (def.type) {
    case 'object':
      // A strict object's `never` catch-all is lifted here as lenient() lifts it; another catch-all must be pure too.
      return (def.checks ?? []).length === 0 && (!def.catchall || inner(def.catchall)) && Object.values(def.shape ?? {}).every(inner);
    case 'array':
      return inner(def.element);
    case 'optional':
    case 'nullable':
      return inner(def.innerType);
    case 'union':
      return (def.options ?? []).every(inner);
    case 'record':
      return inner(def.keyType) && inner(def.valueType);
    default:
      return false;
  }
}

// The same schema with every object in strip mode: a strict object would refuse the keys a provider adds.
function stripped(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape: Record<string, z.ZodType> = {};
      for (const [key, value] of Object.entries(def.shape ?? {})) shape[key] = stripped(value);
      const type = def.catchall && defOf(def.catchall).type;
      // Unknown keys stay unread, unless the schema types them (a catch-all other than never or unknown).
      return rebuilt(schema, { shape, catchall: type && type !== 'never' && type !== 'unknown' ? def.catchall : undefined });
    }
    case 'array':
      return rebuilt(schema, { element: stripped(def.element as z.ZodType) });
    case 'optional':
    case 'nullable':
      return rebuilt(schema, { innerType: stripped(def.innerType as z.ZodType) });
    case 'union':
      return rebuilt(schema, { options: (def.options ?? []).map(stripped) });
    case 'record':
      return rebuilt(schema, { valueType: stripped(def.valueType as z.ZodType) });
    default:
      return schema;
  }
}
