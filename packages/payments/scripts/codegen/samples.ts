import { deref, type OpenApiDocument, type OpenApiSchema } from './load-spec.js';

/**
 * A sample value that fits `schema`, built the same way every run: strings
 * carry characters that must be percent-encoded, arrays have two items (so
 * indices show), maps two keys, and objects their required fields plus the
 * first few optional ones.
 */
export function sampleValue(spec: OpenApiDocument, schema: OpenApiSchema, name: string, depth = 0): unknown {
  if (schema.$ref) return sampleValue(spec, deref(spec, schema.$ref), name, depth);
  if (schema.anyOf) {
    // Prefer a structured branch: it shows more of the encoding than the '' (unset) branch.
    const branch = schema.anyOf.find((m) => m.type === 'object' || m.type === 'array' || m.$ref) ?? schema.anyOf.find((m) => !isUnset(m));
    return sampleValue(spec, branch ?? (schema.anyOf[0] as OpenApiSchema), name, depth);
  }
  if (schema.enum) return schema.enum.find((v) => v !== '') ?? '';
  switch (schema.type) {
    case 'string':
      return `${name} ü&=+/?`;
    case 'integer':
    case 'number':
      return schema.format === 'unix-time' ? 1_700_000_000 : 1099;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [0, 1].map((i) => sampleValue(spec, schema.items as OpenApiSchema, `${name}${i}`, depth)) : [];
    default:
      return sampleObject(spec, schema, name, depth);
  }
}

function sampleObject(spec: OpenApiDocument, schema: OpenApiSchema, name: string, depth: number): unknown {
  if (schema.properties && depth < 3) {
    const required = new Set(schema.required ?? []);
    const names = Object.keys(schema.properties);
    const chosen = [...names.filter((n) => required.has(n)), ...names.filter((n) => !required.has(n)).slice(0, 3)];
    return Object.fromEntries(chosen.map((n) => [n, sampleValue(spec, schema.properties?.[n] as OpenApiSchema, n, depth + 1)] as const));
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    return { [`${name}_key`]: sampleValue(spec, schema.additionalProperties, 'value', depth + 1), 'key two': 'second value' };
  }
  return {};
}

function isUnset(schema: OpenApiSchema): boolean {
  return Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === '';
}

/**
 * The form fields Stripe reads for `value` under `name`, in order, neither
 * side percent-encoded: OpenAPI `deepObject` with `explode: true`, arrays by
 * index (`expand[0]`), booleans as `true`/`false`. Written apart from the
 * library's encoder, so the test compares two implementations.
 */
export function formPairs(name: string, value: unknown): [string, string][] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => formPairs(`${name}[${i}]`, item));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => formPairs(`${name}[${k}]`, v));
  }
  return [[name, value === null ? '' : String(value)]];
}
