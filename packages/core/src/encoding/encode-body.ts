import type { BodyEncoding } from '../connector/operation.js';
import type { RequestBody } from '../pipeline/context.js';
import { encodeForm } from './form.js';
import { encodeMultipart } from './multipart.js';

/** A body ready for the pipeline, with the content type to declare (none for multipart: fetch adds it with the boundary). */
export interface EncodedBody {
  body: RequestBody;
  contentType?: string;
}

/** Encodes a body as JSON, a form, or multipart (rebuilt per attempt). */
export function encodeBody(encoding: Exclude<BodyEncoding, 'query'>, value: unknown): EncodedBody {
  if (encoding === 'form') return { body: encodeForm(value as Record<string, unknown>), contentType: 'application/x-www-form-urlencoded' };
  if (encoding === 'multipart') {
    const fields = value as Record<string, unknown>;
    return { body: () => encodeMultipart(fields) };
  }
  return { body: JSON.stringify(value), contentType: 'application/json' };
}
