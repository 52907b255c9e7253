import { createServer } from 'node:http';
import { createNodeMiddleware } from '@junction/core';
import { PROVIDERS } from '../receivers.js';
import { listen, type StartServer } from './running-server.js';

/**
 * Plain node:http. Nothing reads the body before the middleware, which reads
 * the raw stream itself; `path` sends other paths on to `next`, so the four
 * middlewares chain, and a path none of them serves ends in a 404.
 */
export const startNodeHttp: StartServer = (receivers) => {
  const chain = PROVIDERS.map((provider) => createNodeMiddleware(receivers.byProvider[provider], { path: `/webhooks/${provider}` }));
  const server = createServer((req, res) => {
    const at = (index: number): void => {
      const middleware = chain[index];
      if (!middleware) {
        res.writeHead(404).end();
        return;
      }
      void middleware(req, res, () => at(index + 1));
    };
    at(0);
  });
  return listen(server);
};
