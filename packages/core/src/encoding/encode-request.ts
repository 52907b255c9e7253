import type { AnyOperation, BodyEncoding } from '../connector/operation.js';
import { fillPath, pathParamNames } from '../connector/path.js';
import { ConfigurationError } from '../errors/configuration-error.js';
import type { RequestBody } from '../pipeline/context.js';
import { encodeBody } from './encode-body.js';
import { encodeForm } from './form.js';

/** What an operation's input becomes on the wire. */
export interface EncodedRequest {
  url: URL;
  body?: RequestBody;
  contentType?: string;
}

const QUERY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

/** The encoding an operation uses when it does not name one. */
export function defaultEncoding(method: string): BodyEncoding {
  return QUERY_METHODS.has(method) ? 'query' : 'json';
}

/**
 * Turns validated input into a URL and body: path parameters fill the path,
 * `queryParams` and (for `query` encoding) everything else go in the query
 * string, the rest in a JSON, form or multipart body. An array input (a
 * batch endpoint's body, e.g. Resend's `POST /emails/batch`) is the JSON
 * body as it is. `where` names the call in errors.
 */
export function encodeRequest(baseUrl: string, operation: AnyOperation, input: unknown, where?: string): EncodedRequest {
  const record = isRecord(input) ? input : undefined;
  const url = joinUrl(baseUrl, fillPath(operation.path, record ?? {}, where));
  const encoding = operation.encoding ?? defaultEncoding(operation.method);
  if (Array.isArray(input)) {
    if (encoding !== 'json') {
      throw new ConfigurationError(
        `${where ?? operation.path} takes a list as its input, which only a JSON body can carry: declare it with encoding 'json' (its encoding is '${encoding}').`,
      );
    }
    return { url, ...encodeBody('json', input) };
  }
  if (!record) return { url };

  // Sorted without copying the input: path parameters are in the path, declared query parameters first in the query.
  const inPath = pathParamNames(operation.path);
  const declared = operation.queryParams ?? [];
  const query: Record<string, unknown> = {};
  const fields: Record<string, unknown> = {};
  for (const name of declared) {
    if (Object.hasOwn(record, name) && !inPath.includes(name)) query[name] = record[name];
  }
  for (const name of Object.keys(record)) {
    if (inPath.includes(name) || declared.includes(name)) continue;
    if (encoding === 'query') query[name] = record[name];
    else fields[name] = record[name];
  }
  appendQuery(url, query);
  return encoding === 'query' ? { url } : { url, ...encodeBody(encoding, fields) };
}

/** Appends `query` to `url` with the same bracket encoding as form bodies. */
export function appendQuery(url: URL, query: Record<string, unknown>): void {
  if (isEmpty(query)) return;
  const encoded = encodeForm(query);
  if (encoded !== '') url.search = url.search ? `${url.search}&${encoded}` : encoded;
}

/** Joins a base URL and a path, keeping the base's own path (`https://h/api` + `/v1/x` → `https://h/api/v1/x`). */
export function joinUrl(baseUrl: string, path: string): URL {
  const base = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
  return new URL(`${base}${path.startsWith('/') ? path : `/${path}`}`);
}

function isEmpty(value: object): boolean {
  for (const _ in value) return false;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
