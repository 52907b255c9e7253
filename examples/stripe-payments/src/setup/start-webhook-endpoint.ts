import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, type DeliveryTarget } from '@junction/core';

/** The app's webhook server. */
export interface WebhookEndpoint {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves webhook receivers with `node:http`, one path each (e.g.
 * `/webhooks/stripe`). The core's node adapter reads the raw body itself,
 * verifies it, and answers 2xx only once every handler has succeeded.
 * `onError` gets each refused delivery (the default writes to stderr).
 */
export async function startWebhookEndpoint(
  routes: Record<string, DeliveryTarget>,
  onError: (error: unknown) => void,
): Promise<WebhookEndpoint> {
  const middlewares = Object.entries(routes).map(([path, receiver]) => createNodeMiddleware(receiver, { path, onError }));
  const server = createServer((req, res) => {
    // Connect-style: each middleware passes requests for other paths to the next one.
    const next = (index: number): void => {
      const middleware = middlewares[index];
      if (middleware) void middleware(req, res, () => next(index + 1));
      else res.writeHead(404).end();
    };
    next(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // The sandbox's fetch keeps connections alive; they would hold close() open.
        server.closeAllConnections();
      }),
  };
}
