import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

import { load } from 'js-yaml';

// A CommonJS module: under NodeNext its default import is `module.exports`, which carries the plugin as `.default`.
const addFormats = formats.default;

/** Checks a request body against the schema an OpenAPI spec gives one operation. */
export interface BodyValidator {
  /** The violations, each as `<instance path> <message>`; `[]` when `body` is valid. */
  validate(method: string, path: string, body: unknown): string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Loads an OpenAPI 3.0 or 3.1 spec (JSON, or YAML by extension) and checks
 * request bodies against `requestBody.content['application/json'].schema`
 * of the operation at exactly `path` (the spec's path key, e.g.
 * `/v3/asm/suppressions/global`). Refs into the document are resolved by ajv,
 * which holds the whole spec under its own id.
 */
export function bodyValidator(specPath: string): BodyValidator {
  const text = readFileSync(specPath, 'utf8');
  const raw: unknown = /\.ya?ml$/i.test(specPath) ? load(text) : JSON.parse(text);
  if (!isObject(raw)) throw new Error(`${specPath} is not an OpenAPI document`);
  const id = `openapi:${basename(specPath)}`;
  const spec = toJsonSchema(raw, id);
  if (!isObject(spec)) throw new Error(`${specPath} is not an OpenAPI document`);

  const is31 = typeof spec.openapi === 'string' && spec.openapi.startsWith('3.1');
  const options = { strict: false, allErrors: true, logger: false as const };
  const ajv = is31 ? new Ajv2020(options) : new Ajv(options);
  addFormats(ajv);
  // A schema carrying the whole document; its other keys are unknown keywords, ignored.
  ajv.addSchema({ ...spec, $id: id }, undefined, undefined, false);

  const compiled = new Map<string, ValidateFunction>();
  const compile = (method: string, path: string): ValidateFunction => {
    const key = `${method.toLowerCase()} ${path}`;
    let found = compiled.get(key);
    if (!found) {
      const schema = bodySchema(spec, id, method.toLowerCase(), path, specPath);
      found = ajv.compile(schema);
      compiled.set(key, found);
    }
    return found;
  };

  return {
    validate(method, path, body) {
      const check = compile(method, path);
      return check(body) ? [] : (check.errors ?? []).map(describe);
    },
  };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '(body)';
  const extra =
    error.keyword === 'additionalProperties'
      ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
      : error.keyword === 'enum'
        ? ` (${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)})`
        : '';
  return `${where} ${error.message ?? error.keyword}${extra} [${error.schemaPath}]`;
}

function bodySchema(spec: JsonObject, id: string, method: string, path: string, specPath: string): JsonObject {
  const paths = spec.paths;
  const item = isObject(paths) ? paths[path] : undefined;
  if (!isObject(item)) throw new Error(`${specPath} has no path ${path}`);
  const operation = item[method];
  if (!isObject(operation)) throw new Error(`${specPath} has no ${method.toUpperCase()} ${path}`);
  const requestBody = follow(spec, id, operation.requestBody);
  const content = isObject(requestBody) ? requestBody.content : undefined;
  const json = isObject(content) ? content['application/json'] : undefined;
  const schema = isObject(json) ? json.schema : undefined;
  if (!isObject(schema)) throw new Error(`${specPath} ${method.toUpperCase()} ${path} has no application/json request body schema`);
  return schema;
}

// Follows a (rewritten) `$ref` outside the schemas, e.g. to `#/components/requestBodies/...`.
function follow(spec: JsonObject, id: string, value: Json | undefined, depth = 0): Json | undefined {
  if (!isObject(value) || typeof value.$ref !== 'string' || depth > 10) return value;
  const ref = value.$ref;
  if (!ref.startsWith(`${id}#/`)) throw new Error(`cannot follow $ref ${ref}`);
  let target: Json | undefined = spec;
  for (const part of ref.slice(id.length + 2).split('/')) {
    const name = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    target = isObject(target) ? target[name] : Array.isArray(target) ? target[Number(name)] : undefined;
  }
  return follow(spec, id, target, depth + 1);
}

/**
 * A copy of the document as JSON Schema ajv understands: local refs made
 * absolute on `id`, `nullable: true` as a `'null'` type (or an `anyOf` when
 * there is no type), and `example` and `x-*` keys dropped.
 */
// Keywords whose value maps names to schemas.
const NAMED = new Set([
  'properties',
  'patternProperties',
  '$defs',
  'definitions',
  'schemas',
  'paths',
  'requestBodies',
  'responses',
  'parameters',
  'examples',
  'headers',
  'content',
]);

function toJsonSchema(value: unknown, id: string, names = false): Json {
  if (Array.isArray(value)) return value.map((v) => toJsonSchema(v, id));
  if (!isObject(value)) return value as Json;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    // Under `properties` (and the like) keys are names, not keywords: keep them all.
    if (!names && (key === 'example' || key.startsWith('x-') || key === 'nullable')) continue;
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) out[key] = `${id}${child}`;
    else out[key] = toJsonSchema(child, id, !names && NAMED.has(key));
  }
  if (!names && value.nullable === true) {
    const type = out.type;
    if (typeof type === 'string') out.type = [type, 'null'];
    else if (Array.isArray(type)) out.type = type.includes('null') ? type : [...type, 'null'];
    else if (out.enum === undefined) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}
