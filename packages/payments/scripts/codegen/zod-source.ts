import { deref, type OpenApiDocument, type OpenApiSchema } from './load-spec.js';

/** How a schema is turned into source. */
export interface EmitContext {
  spec: OpenApiDocument;
  /**
   * `output`: response objects, read leniently (open enums, every field the
   * spec does not require is optional). `input`: request parameters, typed
   * strictly at compile time (`params()`), with open enums so a value Stripe
   * adds later can still be sent.
   */
  mode: 'output' | 'input';
  /** Components already emitted as named schemas: component name → identifier. */
  named: ReadonlyMap<string, string>;
  /** Objects nested deeper than this become plain records: the rest of a big schema adds size, not safety. */
  maxDepth: number;
}

/**
 * One schema as source twice over: the zod schema, and the TypeScript type
 * it parses to. The type is written out (not inferred) so declarations stay
 * small: an inferred zod type of this size exceeds what the compiler will
 * serialize into a .d.ts.
 */
export interface Emitted {
  zod: string;
  ts: string;
}

const PLAIN: Emitted = { zod: 'z.record(z.string(), z.unknown())', ts: 'Record<string, unknown>' };
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A property key as source: bare when it can be, quoted otherwise. */
export function key(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** The first sentence of a spec description, as a doc comment (or nothing). */
export function docComment(description: string | undefined, indent = ''): string {
  if (!description) return '';
  const flat = description
    .replace(/\s+/g, ' ')
    .replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')
    .trim();
  const sentence = (/^.*?[.!?](\s|$)/.exec(flat)?.[0] ?? flat).trim();
  const short = sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
  return `${indent}/** ${short.replaceAll('*/', '*\\/')} */\n`;
}

/** Source for `schema` at object depth `depth`. */
export function emitSchema(schema: OpenApiSchema, ctx: EmitContext, depth = 0, seen: ReadonlySet<string> = new Set()): Emitted {
  const out = emitBare(schema, ctx, depth, seen);
  return schema.nullable ? { zod: `${out.zod}.nullable()`, ts: `${out.ts} | null` } : out;
}

function emitBare(schema: OpenApiSchema, ctx: EmitContext, depth: number, seen: ReadonlySet<string>): Emitted {
  if (schema.$ref) return emitRef(schema.$ref, ctx, depth, seen);
  if (schema.anyOf) return emitAnyOf(schema.anyOf, ctx, depth, seen);
  if (schema.enum) return emitEnum(schema.enum, ctx);
  switch (schema.type) {
    case 'string':
      return { zod: 'z.string()', ts: 'string' };
    case 'integer':
    case 'number':
      if (ctx.mode === 'output') return { zod: 'z.number()', ts: 'number' };
      // Form encoding sends a Date as unix seconds, so a timestamp parameter may be given as either.
      if (schema.format === 'unix-time') return { zod: 'z.union([z.number().int(), z.date()])', ts: 'number | Date' };
      return { zod: schema.type === 'integer' ? 'z.number().int()' : 'z.number()', ts: 'number' };
    case 'boolean':
      return { zod: 'z.boolean()', ts: 'boolean' };
    case 'array': {
      const item = schema.items ? emitSchema(schema.items, ctx, depth, seen) : { zod: 'z.unknown()', ts: 'unknown' };
      return { zod: `z.array(${item.zod})`, ts: `Array<${item.ts}>` };
    }
    default:
      return emitObject(schema, ctx, depth, seen);
  }
}

function emitRef(ref: string, ctx: EmitContext, depth: number, seen: ReadonlySet<string>): Emitted {
  const name = ref.replace('#/components/schemas/', '');
  const named = ctx.named.get(name);
  if (named) return { zod: named, ts: named };
  // A cycle (payment_intent → last_payment_error → payment_intent) ends in a plain object; depth is cut by emitObject.
  if (seen.has(name)) return PLAIN;
  const target = deref(ctx.spec, ref);
  // Another API resource (a charge, a payment method) not emitted by name stays a plain object:
  // inlining it would copy a whole resource into every schema that mentions it.
  if (target['x-resourceId']) return PLAIN;
  return emitSchema(target, ctx, depth, new Set([...seen, name]));
}

function emitAnyOf(members: OpenApiSchema[], ctx: EmitContext, depth: number, seen: ReadonlySet<string>): Emitted {
  // An expandable field (`customer: string | Customer`): an id, or the object when expanded.
  const expandable = members.some((m) => m.type === 'string' && !m.enum) && members.some((m) => m.$ref);
  const parts = members.map((m) => {
    if (expandable && m.$ref && !ctx.named.has(m.$ref.replace('#/components/schemas/', ''))) return PLAIN;
    return emitSchema(m, ctx, depth, seen);
  });
  const unique = [...new Map(parts.map((p) => [p.zod, p])).values()];
  if (unique.length === 1) return unique[0] as Emitted;
  return { zod: `z.union([${unique.map((p) => p.zod).join(', ')}])`, ts: unique.map((p) => paren(p.ts)).join(' | ') };
}

function emitEnum(values: unknown[], ctx: EmitContext): Emitted {
  if (values.length === 1) {
    const literal = JSON.stringify(values[0]);
    return { zod: `z.literal(${literal})`, ts: literal };
  }
  const strings = values.filter((v): v is string => typeof v === 'string');
  // Providers add enum values without notice: known values autocomplete, others still pass.
  const open = ctx.mode === 'input' ? 'enumParam' : 'openEnum';
  return { zod: `${open}(${JSON.stringify(strings)})`, ts: `${strings.map((s) => JSON.stringify(s)).join(' | ')} | (string & {})` };
}

function emitObject(schema: OpenApiSchema, ctx: EmitContext, depth: number, seen: ReadonlySet<string>): Emitted {
  if (schema.properties && Object.keys(schema.properties).length > 0) {
    if (depth >= ctx.maxDepth) return PLAIN;
    return emitProperties(schema, ctx, depth + 1, seen, false);
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    const value = emitSchema(schema.additionalProperties, ctx, depth, seen);
    return { zod: `z.record(z.string(), ${value.zod})`, ts: `Record<string, ${value.ts}>` };
  }
  return PLAIN;
}

/** An extra field written before the spec's own (the renamed path parameter). */
export interface ExtraField {
  name: string;
  zod: string;
  ts: string;
  doc: string;
}

/**
 * `z.object({...})` (output) or `params({...})` (input) for an object
 * schema, and its type; with `docs`, each field of the type carries the
 * first sentence of its description.
 */
export function emitProperties(
  schema: OpenApiSchema,
  ctx: EmitContext,
  depth: number,
  seen: ReadonlySet<string> = new Set(),
  docs = true,
  extra: ExtraField[] = [],
): Emitted {
  const required = new Set(schema.required ?? []);
  const zodFields: string[] = extra.map((f) => `${key(f.name)}: ${f.zod},`);
  const tsFields: string[] = extra.map((f) => `${docComment(f.doc)}${key(f.name)}: ${f.ts};`);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const value = emitSchema(ctx.mode === 'input' && name === 'created' ? asTimestamps(prop) : prop, ctx, depth, seen);
    const optional = !required.has(name);
    zodFields.push(`${key(name)}: ${value.zod}${optional ? '.optional()' : ''},`);
    tsFields.push(`${docs ? docComment(prop.description) : ''}${key(name)}${optional ? '?' : ''}: ${value.ts};`);
  }
  const open = ctx.mode === 'input' ? 'params' : 'z.object';
  return { zod: `${open}({\n${zodFields.join('\n')}\n})`, ts: `{\n${tsFields.join('\n')}\n}` };
}

/**
 * The spec types `created` filters (`created: 123` or `created[gte]: 123`)
 * as plain integers; they are unix times, so they take a Date too.
 */
function asTimestamps(schema: OpenApiSchema): OpenApiSchema {
  if (schema.type === 'integer') return { ...schema, format: 'unix-time' };
  return {
    ...schema,
    ...(schema.anyOf ? { anyOf: schema.anyOf.map(asTimestamps) } : {}),
    ...(schema.properties
      ? { properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, asTimestamps(v)])) }
      : {}),
  };
}

function paren(ts: string): string {
  return /[|&]/.test(ts) && !/^[{(]/.test(ts) ? `(${ts})` : ts;
}
