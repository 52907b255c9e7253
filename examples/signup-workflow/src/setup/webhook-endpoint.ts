import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, type DeliveryTarget } from '@junction/core';

/** The app's one webhook server, a path per provider. */
export interface WebhookEndpoint {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Serves `receiver` on `path` (e.g. `/webhooks/stripe`). */
  mount(path: string, receiver: DeliveryTarget): void;
  /** Deliveries refused (bad signature, a handler that threw), as the core's adapter reported them. */
  readonly refused: unknown[];
  close(): Promise<void>;
}

/**
 * Starts the webhook server with `node:http` before anything else, since
 * the sandboxes need its URL; receivers are mounted once the clients their
 * handlers use exist. The core's node adapter reads the raw body, verifies
 * it, drops duplicates, and answers 2xx only once every handler succeeded.
 */
export async function startWebhookEndpoint(): Promise<WebhookEndpoint> {
  const routes = new Map<string, ReturnType<typeof createNodeMiddleware>>();
  const refused: unknown[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const middleware = routes.get(path);
    if (middleware) void middleware(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mount: (path, receiver) => routes.set(path, createNodeMiddleware(receiver, { onError: (error) => refused.push(error) })),
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The sandboxes' fetch keeps connections alive; they would hold close() open.
        server.closeAllConnections();
      }),
  };
}
