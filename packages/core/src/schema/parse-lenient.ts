import { z } from 'zod';
import { lenient } from './lenient.js';

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

// Leaves whose output is their input, unless they coerce.
const LEAVES = [
  z.ZodString,
  z.ZodNumber,
  z.ZodBoolean,
  z.ZodBigInt,
  z.ZodNull,
  z.ZodUndefined,
  z.ZodLiteral,
  z.ZodEnum,
  z.ZodUnknown,
  z.ZodAny,
  z.ZodNever,
] as const;

function pure(schema: z.ZodType, seen = new Set<z.ZodType>()): boolean {
  if (seen.has(schema)) return false;
  seen.add(schema);
  const inner = (s: unknown) => pure(s as z.ZodType, seen);
  if (LEAVES.some((leaf) => schema instanceof leaf)) return (schema._zod.def as { coerce?: boolean }).coerce !== true;
  if (schema instanceof z.ZodObject) {
    // A strict object's `never` catch-all is lifted here as lenient() lifts it; another catch-all must be pure too.
    const catchall = schema._zod.def.catchall;
    return (schema._zod.def.checks ?? []).length === 0 && (!catchall || inner(catchall)) && Object.values(schema.shape).every(inner);
  }
  if (schema instanceof z.ZodArray) return inner(schema.element);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return inner(schema.unwrap());
  if (schema instanceof z.ZodUnion) return (schema.options as unknown[]).every(inner);
  if (schema instanceof z.ZodRecord) return inner(schema.keyType) && inner(schema.valueType);
  return false;
}

// The same schema with every object in strip mode: a strict object would refuse the keys a provider adds.
function stripped(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) shape[key] = stripped(value);
    const catchall = schema._zod.def.catchall;
    // Unknown keys stay unread, unless the schema types them (a catch-all other than never or unknown).
    return catchall && !(catchall instanceof z.ZodNever) && !(catchall instanceof z.ZodUnknown)
      ? z.object(shape).catchall(catchall)
      : z.object(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(stripped(schema.element as z.ZodType));
  if (schema instanceof z.ZodOptional) return stripped(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodNullable) return stripped(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const options = (schema.options as z.ZodType[]).map(stripped) as [z.ZodObject, ...z.ZodObject[]];
    return z.discriminatedUnion(schema._zod.def.discriminator, options);
  }
  if (schema instanceof z.ZodUnion) return z.union((schema.options as z.ZodType[]).map(stripped) as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  if (schema instanceof z.ZodRecord) return z.record(schema.keyType as z.ZodString, stripped(schema.valueType as z.ZodType));
  return schema;
}
