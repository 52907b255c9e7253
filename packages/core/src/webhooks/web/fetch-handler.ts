import { errorReporter, maxBodyBytes, type WebhookAdapterOptions } from '../http/adapter-options.js';
import { type DeliveryTarget, handleDelivery } from '../http/handle-delivery.js';
import { readWebBody } from './read-web-body.js';

/** Options for {@link createFetchHandler}. */
export interface FetchHandlerOptions extends WebhookAdapterOptions {
  /** The URL the provider called, when a proxy changes it and the scheme signs it (HubSpot v3). Default: `request.url`. */
  publicUrl?: string | ((request: Request) => string);
}

/** A Fetch API handler: `Request` in, `Response` out. */
export type FetchWebhookHandler = (request: Request) => Promise<Response>;

/**
 * Serves a receiver wherever the Fetch API is the server interface: Hono
 * (`app.post('/webhooks', (c) => handler(c.req.raw))`), Next.js route
 * handlers (`export const POST = handler`), Bun.serve, Deno.serve and
 * workers. Give it the untouched `Request`: it reads the raw body itself.
 */
export function createFetchHandler(receiver: DeliveryTarget, options: FetchHandlerOptions = {}): FetchWebhookHandler {
  const limit = maxBodyBytes(options);
  const report = errorReporter(options);
  return async (request) => {
    const response = await handleDelivery(
      receiver,
      request.method,
      async () => {
        const body = await readWebBody(request, limit);
        const url = typeof options.publicUrl === 'function' ? options.publicUrl(request) : (options.publicUrl ?? request.url);
        return { body, headers: request.headers, method: request.method, url };
      },
      report,
    );
    return new Response(response.body, { status: response.status, headers: response.headers });
  };
}
