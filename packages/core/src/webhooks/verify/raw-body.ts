import { WebhookVerificationError } from './webhook-verification-error.js';

const encoder = new TextEncoder();

const HOW_TO_FIX =
  'Signatures cover the exact bytes the provider sent, so verification needs the raw, unparsed body: ' +
  "a string, Buffer or Uint8Array read before any body parser (e.g. express.raw({ type: '*/*' }) on the webhook route, " +
  'or `await request.text()` with the Fetch API).';

/** The body's bytes, or a `body_not_raw` error when what was passed cannot be the body as sent. */
export function rawBodyBytes(body: unknown): Uint8Array {
  if (typeof body === 'string') {
    // What String(parsedObject) produces: the object was parsed, then stringified by accident.
    if (body === '[object Object]')
      throw notRaw('The webhook body is the text "[object Object]": an object was parsed and then turned into a string.');
    return encoder.encode(body);
  }
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw notRaw(describe(body));
}

function describe(body: unknown): string {
  if (body === undefined || body === null) {
    return `No webhook body was given (${String(body)}). A body parser may have consumed the stream without keeping the bytes.`;
  }
  if (typeof body === 'object' && ('pipe' in body || 'getReader' in body)) {
    return 'The webhook body is a stream. Read it to the end first (a Buffer, or `await request.text()`).';
  }
  if (typeof body === 'object') {
    return 'The webhook body was already parsed into an object (by a JSON body parser such as express.json()); re-serializing it cannot reproduce the bytes that were signed.';
  }
  return `The webhook body is a ${typeof body}, not the raw body.`;
}

function notRaw(why: string): WebhookVerificationError {
  return new WebhookVerificationError(`${why} ${HOW_TO_FIX}`, { reason: 'body_not_raw' });
}
