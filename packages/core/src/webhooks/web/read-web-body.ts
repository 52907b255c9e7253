import { concatBytes } from '../../internal/concat-bytes.js';
import { bodyTooLarge } from '../receiver/payload-error.js';
import { WebhookVerificationError } from '../verify/webhook-verification-error.js';

/**
 * Reads a Fetch `Request`'s raw body, up to `limit` bytes. A declared length
 * over the limit is refused before reading; a streamed body is cancelled the
 * moment it passes the limit, so it is never held whole.
 */
export async function readWebBody(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw bodyTooLarge(limit);
  if (request.bodyUsed) {
    throw new WebhookVerificationError(
      'The request body was already read (e.g. `await request.json()`) before the webhook handler, so the raw bytes the signature covers are gone. ' +
        'Pass the untouched Request, or `request.clone()` if you must read it first.',
      { reason: 'body_not_raw' },
    );
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw bodyTooLarge(limit);
    }
    chunks.push(value);
  }
  return concatBytes(chunks, size);
}
