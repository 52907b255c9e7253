import { ConfigurationError } from '../errors/configuration-error.js';

/** The zod range Junction works with; the same as its peer dependency. */
export const SUPPORTED_ZOD = '^4.1.0';

/**
 * Refuses a schema Junction cannot run, with a message that says why: a zod 3
 * schema has no `_zod` and would otherwise fail later with a misleading
 * type error. Cheap: one property read per schema, once per connector.
 */
export function checkSchema(schema: unknown, where: string): void {
  if (schema === undefined) return;
  if (typeof schema === 'object' && schema !== null && '_zod' in schema) return;
  const zod3 = typeof schema === 'object' && schema !== null && '_def' in schema && 'safeParse' in schema;
  throw new ConfigurationError(
    zod3
      ? `${where} is a zod 3 schema. Junction needs zod ${SUPPORTED_ZOD} (its peer dependency): upgrade zod, and import z from 'zod'.`
      : `${where} is not a zod schema. Junction needs schemas made with zod ${SUPPORTED_ZOD}, e.g. z.object({ … }).`,
  );
}
