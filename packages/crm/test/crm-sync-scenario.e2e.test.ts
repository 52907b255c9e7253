import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileCursorStore, createNodeMiddleware, createPoller, createWebhookReceiver } from '@junction/core';
import { startLoopbackServer } from '@junction/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createHubspotClient, hubspotCrm, hubspotCrmWebhooks } from '../src/hubspot/index.js';
import { createHubspotSandbox } from '../src/hubspot/sandbox/index.js';
import { type CrmEvent, type CrmProvider, crmChangesPoll } from '../src/index.js';
import { createOutboundMessageReceiver, normalizeOutboundEvents, salesforceCrm } from '../src/salesforce/index.js';
import { SALESFORCE_SANDBOX_ORG_ID, startSalesforceSandbox } from '../src/salesforce/sandbox/index.js';
import { authorizedClient } from './salesforce-support.js';

const CLIENT_SECRET = 'b6f1e2d3-aaaa-4bbb-8ccc-0123456789ab';
const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** An endpoint on 127.0.0.1 for the provider's pushed events. */
async function endpoint(listener: RequestListener): Promise<string> {
  const http = createServer(listener);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}/crm/events`;
}

/** A provider under the scenario: its adapter, its pushed events as they were handled, and how to make it push and settle. */
interface Scenario {
  crm: CrmProvider;
  pushed: CrmEvent[];
  /** Deliveries the provider made, duplicates included. */
  deliveries(): number;
  /** Lets the provider push what it has (webhooks in flight, outbound messages queued). */
  push(): Promise<void>;
  /** Moves the clocks past the change feed's lag. */
  settle(): void;
}

async function hubspot(): Promise<Scenario> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const pushed: CrmEvent[] = [];
  const receiver = createWebhookReceiver(hubspotCrmWebhooks, { secrets: { clientSecret: CLIENT_SECRET } });
  receiver.onAny(({ payload }) => {
    pushed.push(payload as CrmEvent);
  });
  const url = await endpoint(createNodeMiddleware(receiver, { onError: () => {} }));
  // HubSpot redelivers: every batch arrives twice.
  const sandbox = createHubspotSandbox({ limits: false, now, webhooks: { url, clientSecret: CLIENT_SECRET, duplicates: true } });
  const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  closers.push(() => server.close());
  const client = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url, rateLimit: false });
  return {
    crm: hubspotCrm(client, { sync: { now } }),
    pushed,
    deliveries: () => sandbox.deliveries.reduce((n, d) => n + d.eventIds.length, 0),
    push: () => sandbox.flushWebhooks(),
    settle: () => {
      offset += 11_000;
    },
  };
}

async function salesforce(): Promise<Scenario> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const pushed: CrmEvent[] = [];
  const receiver = createOutboundMessageReceiver({ organizationId: SALESFORCE_SANDBOX_ORG_ID });
  let failOnce = true;
  receiver.on('Contact', ({ payload }) => {
    // The first delivery fails: Salesforce redelivers what was not acknowledged.
    if (failOnce) {
      failOnce = false;
      throw new Error('the database blinked');
    }
    pushed.push(...normalizeOutboundEvents(payload));
  });
  const url = await endpoint((req, res) => void receiver.node(req, res));
  const sandbox = await startSalesforceSandbox({
    instances: 1,
    now,
    outbound: {
      url,
      objects: ['Contact'],
      fields: ['Id', 'Email', 'LastName', 'Title', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
    },
  });
  closers.push(() => sandbox.close());
  const { client } = await authorizedClient(sandbox);
  let delivered = 0;
  return {
    crm: salesforceCrm(client, { sync: { now } }),
    pushed,
    deliveries: () => delivered,
    push: async () => {
      for (;;) {
        const round = (await sandbox.outbound?.deliver()) ?? [];
        delivered += round.reduce((n, d) => n + d.notificationIds.length, 0);
        if (round.length === 0 || round.every((d) => d.acked)) return;
      }
    },
    settle: () => {
      offset += 3000;
    },
  };
}

/** The unified story one provider tells about one contact. */
async function story(scenario: Scenario) {
  const { crm } = scenario;
  const dir = mkdtempSync(join(tmpdir(), 'junction-crm-sync-'));
  closers.push(() => rmSync(dir, { recursive: true, force: true }));
  const cursors = () => createFileCursorStore(join(dir, 'cursors.json'));
  const poll = async () => {
    // A new poller each time, over the same file: as a process restarted between polls would be.
    const poller = createPoller(crm.client, { poll: crmChangesPoll(crm, 'contact'), cursors: cursors() });
    const seen: string[] = [];
    poller.onAny(({ payload }) => {
      const event = payload as CrmEvent;
      seen.push(`${event.type} ${event.objectId === contact.id ? 'the contact' : event.objectId}`);
    });
    await poller.pollOnce();
    return seen;
  };

  const contact = await crm.contacts.create({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
  scenario.settle();
  await crm.contacts.update(contact.id, { jobTitle: 'Analyst' });
  scenario.settle();
  const firstPoll = await poll();
  await crm.contacts.update(contact.id, { jobTitle: 'Lead analyst' });
  scenario.settle();
  const afterRestart = await poll();
  const quiet = await poll();
  await scenario.push();

  const mine = scenario.pushed.filter((event) => event.objectId === contact.id);
  return {
    contact,
    firstPoll,
    afterRestart,
    quiet,
    // What a product acts on: the first event says it was created, later ones that it changed.
    pushed: [...new Set(mine.map((event) => event.type))],
    pushedIds: mine.map((event) => event.id),
    delivered: scenario.deliveries(),
    handled: scenario.pushed.length,
  };
}

describe('the same sync scenario on HubSpot and Salesforce', () => {
  it('creates, updates, syncs from a cursor that survives a restart, and receives the same unified events, each once', async () => {
    const stories = { hubspot: await story(await hubspot()), salesforce: await story(await salesforce()) };
    for (const told of Object.values(stories)) {
      expect(told.firstPoll).toEqual(['contact.created the contact']);
      expect(told.afterRestart).toEqual(['contact.updated the contact']);
      expect(told.quiet).toEqual([]);
      expect(told.pushed).toEqual(['contact.created', 'contact.updated']);
      // Redeliveries (HubSpot's duplicates, Salesforce's retry after a failed handler) were dropped.
      expect(new Set(told.pushedIds).size).toBe(told.pushedIds.length);
      expect(told.delivered).toBeGreaterThan(told.handled);
    }
    expect(stories.salesforce).toMatchObject({ firstPoll: stories.hubspot.firstPoll, pushed: stories.hubspot.pushed });
  });
});
