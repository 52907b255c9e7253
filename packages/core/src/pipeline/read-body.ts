import { ResponseTooLargeError } from '../errors/response-too-large-error.js';
import { concatBytes } from '../internal/concat-bytes.js';
import type { RequestContext } from './context.js';
import { summarize } from './request-summary.js';

/** The largest body accepted when neither the client nor the operation sets `maxResponseBytes`. */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** How much of an error status's body is kept for the ApiError: enough for any provider's message. */
export const ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads a response body as the call asked (`ctx.responseType`), never
 * holding more than the size limit: a declared `content-length` over it is
 * refused before reading, and the stream is counted as it arrives. An error
 * status's body is kept only up to {@link ERROR_BODY_BYTES}, the rest dropped.
 */
export async function readBody(ctx: RequestContext, response: Response): Promise<unknown> {
  const isError = response.status >= 400;
  const limit = ctx.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const type = isError ? 'json' : (ctx.responseType ?? 'json');
  if (!isError && limit !== false) refuseDeclared(ctx, response, limit);
  if (type === 'stream') return response.body ? countBytes(ctx, response, response.body, limit) : emptyStream();

  const cap = isError ? ERROR_BODY_BYTES : limit;
  let text: string;
  if (withinDeclared(response, cap)) {
    // fetch holds a body to its declared length, so one within the cap is read whole, on fetch's own fast path.
    if (type === 'bytes') return new Uint8Array(await response.arrayBuffer());
    text = await response.text();
  } else {
    const { bytes, truncated } = await collect(ctx, response, cap, isError);
    if (type === 'bytes') return bytes;
    text = new TextDecoder().decode(bytes);
    if (truncated) return `${text}… (truncated: only the first ${ERROR_BODY_BYTES} bytes are kept)`;
  }
  if (type === 'text') return text;
  if (text === '') return undefined;
  if (!/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    // A malformed body is kept as text; the output schema reports it with the raw body.
    return text;
  }
}

// A compressed body's declared length is its size on the wire, not what it inflates to: count those as they arrive.
function withinDeclared(response: Response, cap: number | false): boolean {
  if (cap === false) return true;
  const declared = response.headers.get('content-length');
  const encoding = response.headers.get('content-encoding');
  return declared !== null && Number(declared) <= cap && (encoding === null || encoding === 'identity');
}

function refuseDeclared(ctx: RequestContext, response: Response, limit: number): void {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    response.body?.cancel().catch(() => {});
    throw tooLarge(ctx, response.status, limit, declared);
  }
}

/** Reads the body up to `cap` bytes; past it, stops and either truncates (`truncate`) or refuses. */
async function collect(
  ctx: RequestContext,
  response: Response,
  cap: number | false,
  truncate: boolean,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (cap !== false && size + value.byteLength > cap) {
      reader.cancel().catch(() => {});
      if (!truncate) throw tooLarge(ctx, response.status, cap);
      chunks.push(value.subarray(0, cap - size));
      return { bytes: concatBytes(chunks, cap), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { bytes: concatBytes(chunks, size), truncated: false };
}

/** Passes the stream through, erroring it with a ResponseTooLargeError once it goes past the limit. */
function countBytes(ctx: RequestContext, response: Response, body: ReadableStream<Uint8Array>, limit: number | false) {
  if (limit === false) return body;
  let size = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(tooLarge(ctx, response.status, limit));
        else controller.enqueue(chunk);
      },
    }),
  );
}

function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({ start: (controller) => controller.close() });
}

function tooLarge(ctx: RequestContext, status: number, limit: number, declared?: number): ResponseTooLargeError {
  const request = summarize(ctx);
  const size = declared === undefined ? 'more than' : `${declared} bytes, over`;
  return new ResponseTooLargeError(
    `The response to ${request.method} ${request.url} (status ${status}) is ${size} the limit of ${limit} bytes; it was not read. Raise maxResponseBytes for this operation or client if such a body is expected, or use response: 'stream'.`,
    { limitBytes: limit, status, request, ...(declared === undefined ? {} : { declaredBytes: declared }) },
  );
}
