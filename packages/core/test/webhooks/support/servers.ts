import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import {
  createExpressMiddleware,
  createFastifyHandler,
  createFastifyPlugin,
  createFetchHandler,
  createNodeMiddleware,
  type DeliveryTarget,
  type WebhookAdapterOptions,
} from '../../../src/webhooks/index.js';

/** A webhook endpoint on a real server on 127.0.0.1. */
export interface Endpoint {
  /** The endpoint's full URL. */
  url: string;
  close(): Promise<void>;
}

/** Starts a webhook endpoint for a receiver at `path`. */
export type StartEndpoint = (receiver: DeliveryTarget, options: WebhookAdapterOptions, path?: string) => Promise<Endpoint>;

/** node:http serving the node middleware alone. */
export const startNode: StartEndpoint = async (receiver, options, path = '/webhooks') => {
  const server = createServer(createNodeMiddleware(receiver, { ...options, path }));
  return listen(server, path);
};

/** A Hono app, served by @hono/node-server, passing the untouched Request to the Fetch handler. */
export const startHono: StartEndpoint = async (receiver, options, path = '/webhooks') => {
  const handler = createFetchHandler(receiver, options);
  const app = new Hono();
  app.all(path, (c) => handler(c.req.raw));
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  return endpoint(server, path);
};

/** An Express app with express.raw on the webhook route and express.json for everything else, as the guide says. */
export const startExpress: StartEndpoint = async (receiver, options, path = '/webhooks') => {
  const app = express();
  const middleware = createExpressMiddleware(receiver, options);
  app.all(path, express.raw({ type: '*/*', limit: '10mb' }), middleware);
  // The mistake users make: a JSON body parser before the webhook route.
  app.all(`${path}/parsed`, express.json(), middleware);
  // No body parser at all: the middleware reads the stream itself.
  app.all(`${path}/bare`, middleware);
  return listen(createServer(app), path);
};

/** A Fastify app: the plugin serves the webhook route, and the app's other routes keep parsing JSON. */
export const startFastify: StartEndpoint = async (receiver, options, path = '/webhooks') => {
  const app = Fastify();
  await app.register(createFastifyPlugin(receiver, { ...options, path }));
  // The mistake users make: the handler on a route whose body Fastify parsed as JSON.
  app.post(`${path}/parsed`, createFastifyHandler(receiver, options));
  app.post('/echo', async (request) => ({ parsed: request.body }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}${path}`, close: () => app.close() };
};

async function listen(server: Server, path: string): Promise<Endpoint> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return endpoint(server, path);
}

function endpoint(server: Server, path: string): Endpoint {
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
