import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorReporter, maxBodyBytes, type WebhookAdapterOptions } from '../http/adapter-options.js';
import { type DeliveryTarget, handleDelivery } from '../http/handle-delivery.js';
import { readNodeBody } from '../node/read-node-body.js';
import { requestUrl } from '../node/request-url.js';
import { sendNodeResponse } from '../node/send-node-response.js';
import { bodyTooLarge } from '../receiver/payload-error.js';
import type { RawBody } from '../verify/types.js';
import { WebhookVerificationError } from '../verify/webhook-verification-error.js';

/** Options for {@link createExpressMiddleware}. */
export interface ExpressMiddlewareOptions extends WebhookAdapterOptions {
  /** The URL the provider called, when a proxy changes it and the scheme signs it (HubSpot v3). Default: from Host and X-Forwarded-* headers. */
  publicUrl?: string | ((req: ExpressLikeRequest) => string);
}

/** What the middleware reads of an Express request (Express's own `Request` fits). */
export interface ExpressLikeRequest extends IncomingMessage {
  /** Set by a body parser: a Buffer from `express.raw()` is what we need; a parsed object is refused. */
  body?: unknown;
  originalUrl?: string;
}

/** Express middleware (also fits Connect and other `(req, res, next)` frameworks). */
export type ExpressWebhookMiddleware = (req: ExpressLikeRequest, res: ServerResponse, next: (error?: unknown) => void) => Promise<void>;

/**
 * Serves a receiver with Express. Signatures cover the raw bytes, so the
 * route needs the raw body: give it `express.raw()` for every content type
 * (or mount it before any body parser, and it reads the stream itself):
 *
 * ```ts
 * app.post('/webhooks', express.raw({ type: () => true, limit: '1mb' }), createExpressMiddleware(receiver));
 * ```
 *
 * A body already parsed into an object (by `express.json()`) is answered
 * with a 500 that says the raw body is required, and reported to `onError`.
 */
export function createExpressMiddleware(receiver: DeliveryTarget, options: ExpressMiddlewareOptions = {}): ExpressWebhookMiddleware {
  const limit = maxBodyBytes(options);
  const report = errorReporter(options);
  return async (req, res) => {
    let unread = true;
    const response = await handleDelivery(
      receiver,
      req.method,
      async () => {
        const body = await rawBodyOf(req, limit);
        unread = false;
        const url = typeof options.publicUrl === 'function' ? options.publicUrl(req) : (options.publicUrl ?? requestUrl(req));
        return { body, headers: req.headers, method: req.method ?? 'POST', url };
      },
      report,
    );
    sendNodeResponse(res, response, unread && !req.readableEnded);
  };
}

async function rawBodyOf(req: ExpressLikeRequest, limit: number): Promise<RawBody> {
  const { body } = req;
  if (body instanceof Uint8Array || typeof body === 'string') {
    if ((typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength) > limit) throw bodyTooLarge(limit);
    return body;
  }
  // Body parsers that did not match the content type leave the stream unread and body unset (or {} in Express 4).
  const untouched = !req.readableEnded && (body === undefined || isEmptyObject(body));
  if (untouched) return readNodeBody(req, limit);
  throw new WebhookVerificationError(
    'The webhook body was already parsed into an object (by express.json() or similar), and re-serializing it cannot reproduce the bytes that were signed. ' +
      "Give the webhook route the raw body: app.post(path, express.raw({ type: '*/*' }), middleware), registered before app.use(express.json()).",
    { reason: 'body_not_raw' },
  );
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0
  );
}
