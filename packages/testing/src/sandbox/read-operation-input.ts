import type { AnyOperation } from '@junction/core';
import qs from 'qs';
import type { z } from 'zod';
import { takesList } from './schema-shape.js';

/** Why a request body could not be read. */
export class UnreadableBodyError extends Error {}

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/**
 * Reads a request's parameters the way `operation` sends them (the mirror of
 * core's request encoding): the query string, then the JSON or form body
 * (`a[b][0]=c` nests, as `encodeForm` writes it), then the path parameters.
 * Text values (query and form, path) come apart from JSON ones, so only they
 * are coerced to the schema's types before validation. An operation whose
 * input is a list reads a JSON array body.
 */
export async function readOperationInput(
  operation: AnyOperation,
  request: Request,
  path: Record<string, string>,
): Promise<{ text: Record<string, unknown>; json: Record<string, unknown> | unknown[]; path: Record<string, string> }> {
  const encoding = operation.encoding ?? (QUERY_METHODS.has(operation.method) ? 'query' : 'json');
  const query = decodeForm(new URL(request.url).search.slice(1));
  const list = takesList(operation.input as z.ZodType | undefined);
  let json: Record<string, unknown> | unknown[] = {};
  let form: Record<string, unknown> = {};
  const text = encoding === 'query' ? '' : await request.clone().text();
  if (text !== '' && encoding === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new UnreadableBodyError('The request body is not valid JSON.');
    }
    if (list !== Array.isArray(parsed) || typeof parsed !== 'object' || parsed === null) {
      throw new UnreadableBodyError(`The request body must be a JSON ${list ? 'array' : 'object'}.`);
    }
    json = parsed as Record<string, unknown> | unknown[];
  } else if (text !== '') {
    form = decodeForm(text);
  }
  return { text: { ...query, ...form }, json, path };
}

/**
 * Decodes a form body or query string as core's `encodeForm` writes it:
 * `a[b][0]=c` nests, `a[]=v` appends, indexed keys make arrays; every leaf
 * stays text.
 */
export function decodeForm(text: string): Record<string, unknown> {
  if (text === '') return {};
  return qs.parse(text, { depth: 10, arrayLimit: 1000, parameterLimit: 10_000 }) as Record<string, unknown>;
}
