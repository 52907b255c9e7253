import type { z } from 'zod';

/**
 * The top-level parameter names of a generated input schema (all of them
 * objects at run time): what the spec says the endpoint takes.
 */
export function knownParams(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  return Object.keys(shape).filter((name) => name !== 'id');
}
