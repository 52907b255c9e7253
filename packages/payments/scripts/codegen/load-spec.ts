import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';

/** The parts of an OpenAPI document the generators read. */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: OpenApiSchema[];
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  additionalProperties?: boolean | OpenApiSchema;
  description?: string;
  title?: string;
  /** Set on Stripe's top-level API resources (`charge`, `payment_method`…). */
  'x-resourceId'?: string;
}

/** One parameter of an operation. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  style?: string;
  explode?: boolean;
  description?: string;
  schema: OpenApiSchema;
}

/** One operation of a path. */
export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: {
    content: Record<string, { schema: OpenApiSchema; encoding?: Record<string, { style?: string; explode?: boolean }> }>;
  };
  responses: Record<string, unknown>;
}

/** The document itself. */
export interface OpenApiDocument {
  info: { version: string; title: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

const here = dirname(fileURLToPath(import.meta.url));
/** The package root (packages/payments). */
export const PACKAGE_ROOT = resolve(here, '../..');
/** shared/ sits beside the repository (CI clones main with shared/ next to it). */
const SHARED = process.env.JUNCTION_SHARED ?? resolve(PACKAGE_ROOT, '../../../shared');
/** Stripe's published OpenAPI spec (MIT, stripe/openapi). */
export const SPEC_PATH = process.env.STRIPE_SPEC ?? resolve(SHARED, 'specs/stripe/spec3.2023-09-12.yaml');
/** Stripe's sample objects (MIT, stripe/openapi). */
export const FIXTURES_PATH = process.env.STRIPE_FIXTURES ?? resolve(SHARED, 'specs/stripe/fixtures3.json');

/** Where the extracts say they come from, and under what licence. Kept beside every committed extract. */
export const LICENCE = 'MIT License, Copyright (c) Stripe, Inc. (https://github.com/stripe/openapi/blob/master/LICENSE)';
/** The source line for the spec extracts. */
export const SPEC_SOURCE = 'stripe/openapi, openapi/spec3.yaml (2023-09-12 snapshot, API version 2023-08-16)';
/** The source line for the fixture extracts. */
export const FIXTURES_SOURCE = 'stripe/openapi, openapi/fixtures3.json';

/** Reads and parses the spec once (about half a second for 4 MB). */
export function loadSpec(): OpenApiDocument {
  const text = readFileSync(SPEC_PATH, 'utf8');
  return load(text) as OpenApiDocument;
}

/** Reads Stripe's sample objects, keyed by object name (`customer`, `payment_intent`…). */
export function loadFixtures(): Record<string, Record<string, unknown>> {
  return (JSON.parse(readFileSync(FIXTURES_PATH, 'utf8')) as { resources: Record<string, Record<string, unknown>> }).resources;
}

/** The form-encoded request body schema of an operation, if it has one. */
export function formBody(operation: OpenApiOperation): OpenApiSchema | undefined {
  return operation.requestBody?.content['application/x-www-form-urlencoded']?.schema;
}

/** Follows a `$ref` to its component. */
export function deref(spec: OpenApiDocument, ref: string): OpenApiSchema {
  const name = ref.replace('#/components/schemas/', '');
  const found = spec.components.schemas[name];
  if (!found) throw new Error(`Unknown $ref ${ref}`);
  return found;
}
