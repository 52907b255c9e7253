import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createWebhookReceiver } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubspotClient, type HubspotEvent, hubspotBatch, hubspotConnector } from '../src/hubspot/index.js';
import { createHubspotSandbox, type HubspotSandbox, type HubspotSandboxWebhooks } from '../src/hubspot/sandbox/index.js';

const CLIENT_SECRET = 'b6f1e2d3-aaaa-4bbb-8ccc-0123456789ab';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A receiver for hubspotConnector on a loopback port, recording every event handed over. */
async function receiverServer(secret = CLIENT_SECRET) {
  const receiver = createWebhookReceiver(hubspotConnector, { secrets: { clientSecret: secret } });
  const events: HubspotEvent[] = [];
  const answers: number[] = [];
  receiver.onAny((event) => {
    events.push(event.payload as HubspotEvent);
  });
  const middleware = createNodeMiddleware(receiver, { onError: () => {} });
  const http: Server = createServer((req, res) => {
    res.on('finish', () => answers.push(res.statusCode));
    void middleware(req, res);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/webhooks/hubspot?portal=62515`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  return { url, events, answers };
}

async function setup(webhooks: Omit<HubspotSandboxWebhooks, 'url' | 'clientSecret'>, secret = CLIENT_SECRET) {
  const hook = await receiverServer();
  const sandbox: HubspotSandbox = createHubspotSandbox({ limits: false, webhooks: { url: hook.url, clientSecret: secret, ...webhooks } });
  const server: LoopbackServer = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  closers.push(() => server.close());
  const hubspot = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url });
  return { hook, sandbox, hubspot };
}

describe('HubSpot webhooks, sandbox → receiver over loopback', () => {
  it('delivers signed batches (JSON arrays) split at maxBatch, each event handed over once despite duplicate deliveries', async () => {
    const { hook, sandbox, hubspot } = await setup({ maxBatch: 4, duplicates: true });
    await hubspotBatch(hubspot, 'create', {
      objectType: 'contacts',
      inputs: Array.from({ length: 10 }, (_, i) => ({ properties: { email: `p${i}@example.com` } })),
    });
    await sandbox.flushWebhooks();

    // 10 creations in batches of 4, 4, 2, each delivered twice.
    expect(sandbox.deliveries.map((d) => d.eventIds.length)).toEqual([4, 4, 4, 4, 2, 2]);
    expect(sandbox.deliveries.every((d) => d.delivered && Array.isArray(JSON.parse(d.payload)))).toBe(true);
    expect(hook.answers).toEqual([200, 200, 200, 200, 200, 200]);
    expect(hook.events.map((e) => e.eventId)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(hook.events.map((e) => e.subscriptionType))).toEqual(new Set(['contact.creation']));
  });

  it('sends propertyChange per changed property, deletion on archive, associationChange on associate', async () => {
    const { hook, sandbox, hubspot } = await setup({});
    const c = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'a@example.com' } });
    const co = await hubspot.createObject({ objectType: 'companies', properties: { name: 'Acme' } });
    await hubspot.updateObject({
      objectType: 'contacts',
      objectId: c.id,
      properties: { firstname: 'Ada', lastname: 'Lovelace', email: 'a@example.com' },
    });
    await hubspot.createDefaultAssociation({ objectType: 'contacts', objectId: c.id, toObjectType: 'companies', toObjectId: co.id });
    await hubspot.archiveObject({ objectType: 'contacts', objectId: c.id });
    await sandbox.flushWebhooks();

    const seen = hook.events.map((e) => {
      switch (e.subscriptionType) {
        case 'contact.propertyChange':
          return `${e.subscriptionType}:${e.propertyName}=${e.propertyValue}`;
        case 'contact.associationChange':
          return `${e.subscriptionType}:${e.fromObjectId}->${e.toObjectId}`;
        default:
          return e.subscriptionType;
      }
    });
    expect(seen).toEqual([
      'contact.creation',
      'company.creation',
      'contact.propertyChange:firstname=Ada',
      'contact.propertyChange:lastname=Lovelace',
      `contact.associationChange:${c.id}->${co.id}`,
      'contact.deletion',
    ]);
  });

  it('is refused by the receiver when signed with another secret, and the sandbox retries as HubSpot would', async () => {
    const { hook, sandbox, hubspot } = await setup({ retries: 2, retryDelayMs: 1 }, 'not-the-app-secret');
    await hubspot.createObject({ objectType: 'deals', properties: { dealname: 'x' } });
    await sandbox.flushWebhooks();
    expect(hook.events).toEqual([]);
    expect(sandbox.deliveries[0]).toMatchObject({ delivered: false, attempts: 3, status: 400 });
    expect(hook.answers).toEqual([400, 400, 400]);
  });
});
