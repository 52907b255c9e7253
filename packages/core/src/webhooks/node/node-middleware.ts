import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorReporter, maxBodyBytes, type WebhookAdapterOptions } from '../http/adapter-options.js';
import { type DeliveryTarget, handleDelivery } from '../http/handle-delivery.js';
import { json } from '../http/webhook-response.js';
import { readNodeBody } from './read-node-body.js';
import { requestUrl } from './request-url.js';
import { sendNodeResponse } from './send-node-response.js';

/** Options for {@link createNodeMiddleware}. */
export interface NodeMiddlewareOptions extends WebhookAdapterOptions {
  /** Handle only requests to this path (query ignored); others go to `next`, or get a 404 without one. Default: every request. */
  path?: string;
  /** The URL the provider called, when a proxy changes it and the scheme signs it (HubSpot v3). Default: from Host and X-Forwarded-* headers. */
  publicUrl?: string | ((req: IncomingMessage) => string);
}

/** A `node:http` request listener that also works as Connect-style middleware. */
export type NodeWebhookMiddleware = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/**
 * Serves a receiver with `node:http`: `createServer(createNodeMiddleware(receiver))`.
 * It reads the raw body itself (so put no body parser before it), answers
 * 2xx only once every handler has succeeded, 400 for a delivery that fails
 * verification, 413 past the size limit, and 5xx when a handler throws, so
 * the provider redelivers.
 */
export function createNodeMiddleware(receiver: DeliveryTarget, options: NodeMiddlewareOptions = {}): NodeWebhookMiddleware {
  const limit = maxBodyBytes(options);
  const report = errorReporter(options);
  return async (req, res, next) => {
    if (options.path !== undefined && pathOf(req.url) !== options.path) {
      if (next) return next();
      sendNodeResponse(res, json(404, { error: { type: 'not_found', message: 'No webhook endpoint here.' } }));
      return;
    }
    let unread = true;
    const response = await handleDelivery(
      receiver,
      req.method,
      async () => {
        const body = await readNodeBody(req, limit);
        unread = false;
        const url = typeof options.publicUrl === 'function' ? options.publicUrl(req) : (options.publicUrl ?? requestUrl(req));
        return { body, headers: req.headers, method: req.method ?? 'POST', url };
      },
      report,
    );
    sendNodeResponse(res, response, unread && !req.readableEnded);
  };
}

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return path || '/';
}
