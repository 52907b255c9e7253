import type { z } from 'zod';

/**
 * The parts of a zod 4 schema's definition core reads. Core rebuilds schemas
 * through their own `clone(def)` and methods rather than zod's factories, so
 * it never loads zod itself: the user's schemas bring it (a peer dependency),
 * and code that only verifies webhooks never pays zod's import time.
 */
export interface ZodDef {
  type: string;
  checks?: unknown[];
  /** On a check: its kind (`overwrite` for `.trim()` and the like). */
  check?: string;
  coerce?: boolean;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
}

/** The definition of a zod 4 schema. */
export function defOf(schema: z.ZodType): ZodDef {
  return schema._zod.def as unknown as ZodDef;
}

/** A copy of `schema` with some of its definition replaced: zod's own `clone`, so the copy is the same kind of schema. */
export function rebuilt<T extends z.ZodType>(schema: T, patch: Partial<ZodDef>): T {
  return schema.clone({ ...schema._zod.def, ...patch } as T['_zod']['def']) as T;
}
