import type { AddressInfo } from 'node:net';
import { createFastifyPlugin } from '@junction/core';
import Fastify from 'fastify';
import { PROVIDERS } from '../receivers.js';
import type { StartServer } from './running-server.js';

/**
 * Fastify. It parses JSON before any handler runs, so each provider is a
 * plugin: inside its own encapsulated context it swaps the parsers for a
 * raw-Buffer one, and the app's other routes still get parsed JSON.
 */
export const startFastify: StartServer = async (receivers) => {
  const app = Fastify();
  for (const provider of PROVIDERS) {
    await app.register(createFastifyPlugin(receivers.byProvider[provider], { path: `/webhooks/${provider}` }));
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
};
