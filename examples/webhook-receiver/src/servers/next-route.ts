import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createFetchHandler, type DeliveryTarget } from '@junction/core';
import { PROVIDERS, type Provider } from '../receivers.js';
import { listen, type StartServer } from './running-server.js';

/** What a Next.js App Router `route.ts` exports for a webhook endpoint. */
export interface RouteModule {
  POST(request: Request): Promise<Response>;
}

/**
 * The route module for one provider. In an app this is the whole of
 * `app/api/webhooks/stripe/route.ts`, with the receiver built at module
 * level from `process.env`:
 *
 * ```ts
 * const handle = createFetchHandler(createWebhookReceiver(stripeWebhooks, { secrets: { secret: process.env.STRIPE_WEBHOOK_SECRET! } }));
 * export const runtime = 'nodejs'; // the verifiers use node:crypto
 * export async function POST(request: Request) { return handle(request); }
 * ```
 *
 * Do not call `request.json()` first: the handler reads the raw body itself.
 */
export function webhookRoute(receiver: DeliveryTarget): RouteModule {
  const handle = createFetchHandler(receiver);
  return {
    async POST(request: Request): Promise<Response> {
      return handle(request);
    },
  };
}

/**
 * Serves the route modules for the demo as Next does: node:http turned into
 * a Fetch `Request` (by @hono/node-server's adapter, no Hono app involved),
 * routed by path to the module's `POST`, 405 for other methods.
 */
export const startNextRoutes: StartServer = async (receivers) => {
  const routes = new Map<string, RouteModule>(
    PROVIDERS.map((provider: Provider) => [`/webhooks/${provider}`, webhookRoute(receivers.byProvider[provider])]),
  );
  const fetch = (request: Request): Promise<Response> | Response => {
    const route = routes.get(new URL(request.url).pathname);
    if (!route) return new Response(null, { status: 404 });
    return request.method === 'POST' ? route.POST(request) : new Response(null, { status: 405, headers: { allow: 'POST' } });
  };
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server));
  });
  return listen(server);
};
