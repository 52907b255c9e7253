import { createServer } from 'node:http';
import { createExpressMiddleware } from '@junction/core';
import express from 'express';
import { PROVIDERS } from '../receivers.js';
import { listen, type StartServer } from './running-server.js';

/**
 * Express. The webhook routes get `express.raw()` for every content type (without `type` it
 * reads only application/octet-stream) and are registered before
 * `express.json()`, which would parse the body and break every signature.
 */
export const startExpress: StartServer = (receivers) => {
  const app = express();
  for (const provider of PROVIDERS) {
    app.post(`/webhooks/${provider}`, express.raw({ type: '*/*', limit: '1mb' }), createExpressMiddleware(receivers.byProvider[provider]));
  }
  // The rest of the app keeps its JSON bodies.
  app.use(express.json());
  return listen(createServer(app));
};
