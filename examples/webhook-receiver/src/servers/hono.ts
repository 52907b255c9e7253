import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createFetchHandler } from '@junction/core';
import { Hono } from 'hono';
import { PROVIDERS } from '../receivers.js';
import { listen, type StartServer } from './running-server.js';

/**
 * Hono. Hand the untouched `c.req.raw` to the Fetch handler: after
 * `c.req.json()` the body is gone (read a `clone()` if you must peek).
 */
export const startHono: StartServer = async (receivers) => {
  const app = new Hono();
  for (const provider of PROVIDERS) {
    const handle = createFetchHandler(receivers.byProvider[provider]);
    app.post(`/webhooks/${provider}`, (c) => handle(c.req.raw));
  }
  const server = await new Promise<Server>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started as Server));
  });
  return listen(server);
};
