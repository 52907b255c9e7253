import type { IncomingMessage } from 'node:http';
import { bodyTooLarge } from '../receiver/payload-error.js';
import { WebhookVerificationError } from '../verify/webhook-verification-error.js';

/**
 * Reads a request's raw body, up to `limit` bytes. A declared length over
 * the limit is refused before reading; a body that grows past it is refused
 * as soon as it does, and the rest is let through unread rather than buffered.
 */
export function readNodeBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(bodyTooLarge(limit));
  if (req.readableEnded) {
    return Promise.reject(
      new WebhookVerificationError(
        'The request body was already read by something before the webhook handler (a body parser?), so the raw bytes the signature covers are gone. ' +
          'Mount the webhook handler before any body parser, or use express.raw({ type: "*/*" }) on its route.',
        { reason: 'body_not_raw' },
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.byteLength;
      if (size > limit) {
        stop();
        chunks.length = 0;
        // Keep the stream flowing with no listener: the rest is discarded as it arrives, never held.
        req.resume();
        reject(bodyTooLarge(limit));
        return;
      }
      chunks.push(bytes);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
