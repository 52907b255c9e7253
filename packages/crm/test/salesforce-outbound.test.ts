import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundMessageReceiver, isOutboundMessageError, OUTBOUND_ACK, parseOutboundMessage } from '../src/salesforce/index.js';
import { type RunningSalesforceSandbox, startSalesforceSandbox } from '../src/salesforce/sandbox/index.js';
import { authorizedClient } from './salesforce-support.js';

const XML = readFileSync(new URL('./__fixtures__/salesforce/outbound-contact.xml', import.meta.url), 'utf8');
const ORG_18 = '00D5g000004SBXjEAO';
const ORG_15 = '00D5g000004SBXj';

describe('parsing outbound messages', () => {
  it('reads the envelope, each notification and its fields (entities decoded, nil as null)', () => {
    const message = parseOutboundMessage(XML);
    expect(message).toMatchObject({
      organizationId: ORG_18,
      actionId: '04k5g000000CaQ2AAK',
      enterpriseUrl: 'https://acme.my.salesforce.com/services/Soap/c/68.0/00D5g000004SBXj',
    });
    expect(message.sessionId).toBeUndefined();
    expect(message.notifications).toEqual([
      {
        id: '04l5g00000CKRkVAAX',
        sobject: 'Contact',
        record: { Id: '0035g00000XyZabAAB', Email: 'o.brien@example.com', LastName: "O'Brien & Sons", Phone: null },
      },
      { id: '04l5g00000CKRkWAAX', sobject: 'Account', record: { Id: '0015g00000AbCdeAAB', Name: 'Acme' } },
    ]);
  });

  it('refuses what is not an outbound message, and a DOCTYPE', () => {
    for (const bad of ['', '<a>', '{"json":true}', XML.replace('<notifications', '<other').replace('</notifications>', '</other>')]) {
      expect(() => parseOutboundMessage(bad)).toThrow();
    }
    const withDoctype = `<!DOCTYPE x [<!ENTITY a "aaaa">]>${XML.replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`;
    try {
      parseOutboundMessage(withDoctype);
      expect.unreachable();
    } catch (error) {
      expect(isOutboundMessageError(error) && error.reason).toBe('malformed');
    }
  });
});

describe('the outbound message receiver', () => {
  it('checks the OrganizationId in its 15- and 18-character forms and refuses another org', async () => {
    for (const configured of [ORG_18, ORG_15]) {
      const receiver = createOutboundMessageReceiver({ organizationId: configured });
      expect((await receiver.handle(XML)).status).toBe(200);
    }
    const other = createOutboundMessageReceiver({ organizationId: '00D000000000001' });
    let called = 0;
    other.onAny(() => {
      called++;
    });
    const refused = await other.handle(XML);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<faultcode>soapenv:Client</faultcode>');
    expect(called).toBe(0);
  });

  it('dispatches each notification as a typed event, deduped by notification id', async () => {
    const receiver = createOutboundMessageReceiver({ organizationId: ORG_18 });
    const contacts: string[] = [];
    const accounts: string[] = [];
    receiver.on('Contact', (e) => {
      contacts.push(String(e.payload.record.LastName));
    });
    receiver.on('Account', (e) => {
      accounts.push(e.payload.notificationId);
    });

    const first = await receiver.handle(XML);
    const again = await receiver.handle(XML);

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(first.body).toBe(OUTBOUND_ACK);
    expect(contacts).toEqual(["O'Brien & Sons"]);
    expect(accounts).toEqual(['04l5g00000CKRkWAAX']);
  });

  it('answers the Ack only after the handlers succeed: a failure answers a SOAP fault (500), the redelivery runs what failed', async () => {
    const receiver = createOutboundMessageReceiver({ organizationId: ORG_18 });
    const handled: string[] = [];
    let failAccounts = true;
    receiver.on('Contact', (e) => {
      handled.push(e.id);
    });
    receiver.on('Account', async (e) => {
      if (failAccounts) throw new Error('database down');
      handled.push(e.id);
    });

    const failed = await receiver.handle(XML);
    failAccounts = false;
    const redelivered = await receiver.handle(XML);

    expect(failed.status).toBe(500);
    expect(failed.body).toContain('<faultcode>soapenv:Server</faultcode>');
    expect(failed.body).not.toContain('<Ack>');
    expect(redelivered.status).toBe(200);
    expect(handled).toEqual(['04l5g00000CKRkVAAX', '04l5g00000CKRkWAAX']);
  });

  it('serves the Fetch API', async () => {
    const receiver = createOutboundMessageReceiver({ organizationId: ORG_15 });
    const ok = await receiver.fetch(new Request('https://app.example/sf', { method: 'POST', body: XML }));
    const get = await receiver.fetch(new Request('https://app.example/sf'));
    expect([ok.status, ok.headers.get('content-type')]).toEqual([200, 'text/xml; charset=utf-8']);
    expect(await ok.text()).toContain('<Ack>true</Ack>');
    expect(get.status).toBe(405);
  });
});

describe('outbound messages from the sandbox to a node receiver', () => {
  let sandbox: RunningSalesforceSandbox;
  let server: ReturnType<typeof createServer>;
  let failing = true;
  const seen: string[] = [];
  beforeAll(async () => {
    const receiver = createOutboundMessageReceiver({ organizationId: '00D5g000004SBXj' });
    receiver.on('Contact', (e) => {
      if (failing) throw new Error('not yet');
      seen.push(String(e.payload.record.LastName));
    });
    server = createServer((req, res) => void receiver.node(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/salesforce/outbound`;
    sandbox = await startSalesforceSandbox({ instances: 1, outbound: { url, objects: ['Contact'], fields: ['Id', 'LastName'] } });
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('redelivers until the Ack, and the receiver handles each notification once', async () => {
    const { client } = await authorizedClient(sandbox);
    await client.createRecord({ sobject: 'Contact', LastName: 'First' });
    await client.createRecord({ sobject: 'Account', Name: 'Not watched' });
    await client.upsertRecord({ sobject: 'Contact', externalIdField: 'External_Id__c', externalId: 'e1', LastName: 'Second' });

    const refused = await sandbox.outbound?.deliver();
    failing = false;
    const accepted = await sandbox.outbound?.deliver();
    const nothingLeft = await sandbox.outbound?.deliver();

    expect(refused?.map((d) => [d.status, d.acked, d.notificationIds.length])).toEqual([[500, false, 2]]);
    expect(accepted?.map((d) => [d.status, d.acked])).toEqual([[200, true]]);
    expect(nothingLeft).toEqual([]);
    expect(seen).toEqual(['First', 'Second']);
  });
});
