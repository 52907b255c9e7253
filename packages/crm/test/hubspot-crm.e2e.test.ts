import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { hubspotCrm } from '../src/hubspot/hubspot-crm.js';
import { createHubspotClient } from '../src/hubspot/index.js';
import { createHubspotSandbox } from '../src/hubspot/sandbox/index.js';
import { describeCrmProvider, SUITE_FIELDS } from './support/crm-provider-suite.js';

let server: LoopbackServer | undefined;
afterAll(() => server?.close());

describeCrmProvider('HubSpot', async () => {
  let offset = 0;
  const now = () => Date.now() + offset;
  const sandbox = createHubspotSandbox({ limits: false, now });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  const client = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url, rateLimit: false, retry: { minDelayMs: 1 } });
  return {
    crm: hubspotCrm(client, { customFields: SUITE_FIELDS, sync: { now } }),
    batchSize: 100,
    batchCalls: () => sandbox.requests.filter((r) => r.operation.startsWith('batch')).length,
    reset: () => sandbox.reset(),
    settle: () => {
      offset += 11_000;
    },
  };
});

describe('the unified HubSpot adapter within HubSpot’s limits', () => {
  it('upserts 1,000 contacts in 10 calls of 100 against a rolling window, no 429 reaching the caller, and again creates nothing', async () => {
    // HubSpot's rolling window, shrunk: 3 requests per 150 ms, and a client told the same.
    const sandbox = createHubspotSandbox({ limits: { perInterval: 3, intervalMs: 150 } });
    const local = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    onTestFinished(() => local.close());
    const client = createHubspotClient({
      accessToken: 'pat-sandbox-token',
      baseUrl: local.url,
      rateLimit: { requests: 3, intervalMs: 150 },
    });
    const crm = hubspotCrm(client, { customFields: SUITE_FIELDS });
    const inputs = Array.from({ length: 1000 }, (_, i) => ({
      email: `u${i}@example.com`,
      lastName: 'Synced',
      custom: { externalId: `u_${i}` },
    }));

    const first = await crm.contacts.batch.upsert(inputs, 'externalId');
    expect(first.filter((r) => r.status === 'ok' && r.created)).toHaveLength(1000);
    const again = await crm.contacts.batch.upsert(inputs, 'externalId');
    expect(again.filter((r) => r.status === 'ok' && !r.created)).toHaveLength(1000);

    const upserts = sandbox.requests.filter((r) => r.operation === 'batchUpsertObjects');
    expect(upserts.filter((r) => r.status === 200)).toHaveLength(20);
    expect(sandbox.objects('contacts')).toHaveLength(1000);
    // Any 429 the window answered was waited out and retried inside the client.
    expect(upserts.every((r) => r.status === 200 || r.status === 429)).toBe(true);
  });
});
