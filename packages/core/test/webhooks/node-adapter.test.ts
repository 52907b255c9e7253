import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNodeMiddleware, createWebhookReceiver } from '../../src/webhooks/index.js';
import { adapterContract, post } from './support/adapter-contract.js';
import { paymentSucceeded, paymentsWebhooks, SECRET, signedDelivery } from './support/payments-webhooks.js';
import { startNode } from './support/servers.js';

adapterContract('node:http', startNode);

describe('createNodeMiddleware', () => {
  it('passes other paths to next(), and answers 404 for them without one', async () => {
    const receiver = createWebhookReceiver(paymentsWebhooks, { secrets: { secret: SECRET } });
    const middleware = createNodeMiddleware(receiver, { path: '/webhooks', onError: () => {} });
    const server = createServer((req, res) => {
      if (req.url === '/health') return void middleware(req, res, () => res.writeHead(204).end());
      return void middleware(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/health`)).status).toBe(204);
      expect((await fetch(`${base}/other`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await post(`${base}/webhooks?x=1`, signedDelivery(paymentSucceeded('evt_path')))).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('uses publicUrl when a proxy changes the URL the provider signed', async () => {
    let seenUrl: string | URL | undefined;
    const receiver = createWebhookReceiver(paymentsWebhooks, {
      verifier: {
        verify: (input) => {
          seenUrl = input.url;
        },
      },
    });
    const server = createServer(createNodeMiddleware(receiver, { publicUrl: (req) => `https://hooks.example.com${req.url}` }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await post(`${base}/in?a=1`, { body: JSON.stringify(paymentSucceeded('evt_url')), headers: {} });
      expect(seenUrl).toBe('https://hooks.example.com/in?a=1');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
