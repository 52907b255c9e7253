import type { z } from 'zod';
import { defOf, unwrap } from './schema-shape.js';

/**
 * Turns the text leaves of a decoded form body or query string into what the
 * input schema expects (numbers, booleans, unix-second dates, arrays from
 * indexed objects), since those encodings carry only text. Anything it cannot
 * convert is left as it is, for the schema to refuse. (`encodeForm` sends
 * null and `''` alike, meaning "unset", so a nullable field reads `''` as null.)
 */
export function coerceTextInput(schema: z.ZodType, value: unknown): unknown {
  if (value === '' && accepts(schema, 'null')) return null;
  const inner = unwrap(schema);
  const def = defOf(inner);
  switch (def.type) {
    case 'number':
    case 'int':
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
    case 'bigint':
      return typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'date':
      return typeof value === 'string' && /^\d+$/.test(value) ? new Date(Number(value) * 1000) : value;
    case 'array': {
      const items = Array.isArray(value) ? value : isRecord(value) && isIndexed(value) ? Object.values(value) : undefined;
      return items && def.element ? items.map((item) => coerceTextInput(def.element as z.ZodType, item)) : value;
    }
    case 'object': {
      if (!isRecord(value) || !def.shape) return value;
      const out: Record<string, unknown> = { ...value };
      for (const [name, field] of Object.entries(def.shape)) if (name in out) out[name] = coerceTextInput(field, out[name]);
      return out;
    }
    case 'union':
      // The first option that changes the value wins; a union of text and numbers stays text.
      if (accepts(inner, 'string') && typeof value === 'string') return value;
      for (const option of def.options ?? []) {
        const converted = coerceTextInput(option, value);
        if (converted !== value) return converted;
      }
      return value;
    default:
      return value;
  }
}

function accepts(schema: z.ZodType, type: 'null' | 'string'): boolean {
  const def = defOf(schema);
  if (type === 'null' && def.type === 'nullable') return true;
  if (def.type === type) return true;
  if (def.innerType) return accepts(def.innerType, type);
  if (def.type === 'pipe' && def.in) return accepts(def.in, type);
  if (def.type === 'union') return (def.options ?? []).some((o) => accepts(o, type));
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIndexed(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k, i) => k === String(i));
}
