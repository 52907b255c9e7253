import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHubspotClient, type HubspotClient, hubspotBatch } from '../src/hubspot/index.js';
import { createHubspotSandbox, type HubspotSandbox } from '../src/hubspot/sandbox/index.js';

let sandbox: HubspotSandbox;
let server: LoopbackServer;
let hubspot: HubspotClient;

beforeAll(async () => {
  sandbox = createHubspotSandbox({ limits: false });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  hubspot = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url });
});
afterAll(() => server.close());
beforeEach(() => {
  sandbox.reset();
  server.requests.length = 0;
});

const email = (i: number) => `p${i}@example.com`;
const batchBodies = () =>
  server.requests.filter((r) => r.url.includes('/batch/')).map((r) => JSON.parse(r.body ?? '{}') as { inputs: unknown[] });

describe('hubspotBatch over the sandbox', () => {
  it('splits 250 creates into 100/100/50 and maps a 207 partial failure to the inputs that failed', async () => {
    const existing = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'taken@example.com' } });
    const inputs = Array.from({ length: 250 }, (_, i) => ({ properties: { email: email(i) } }));
    inputs[120] = { properties: { email: email(5) } }; // a duplicate of an earlier chunk's contact
    inputs[249] = { properties: { email: 'taken@example.com' } }; // a contact that already exists
    const outcome = await hubspotBatch(hubspot, 'create', { objectType: 'contacts', inputs });

    expect(outcome.calls).toBe(3);
    expect(batchBodies().map((b) => b.inputs.length)).toEqual([100, 100, 50]);
    expect(sandbox.requests.filter((r) => r.operation === 'batchCreateObjects').map((r) => r.status)).toEqual([201, 207, 207]);
    expect(outcome.results).toHaveLength(248);
    expect(
      outcome.results.every(({ index, result }) => index !== undefined && result.properties.email === inputs[index]?.properties.email),
    ).toBe(true);
    expect(outcome.errors.map((e) => [e.index, e.error.category])).toEqual([
      [120, 'CONFLICT'],
      [249, 'CONFLICT'],
    ]);
    expect(outcome.errors[1]?.error.message).toContain(`Existing ID: ${existing.id}`);
    expect(sandbox.objects('contacts')).toHaveLength(249);
  });

  it('upserting the same 150 contacts twice creates nothing the second time', async () => {
    const inputs = Array.from({ length: 150 }, (_, i) => ({ id: email(i), idProperty: 'email', properties: { firstname: `P${i}` } }));
    const first = await hubspotBatch(hubspot, 'upsert', { objectType: 'contacts', inputs });
    const second = await hubspotBatch(hubspot, 'upsert', { objectType: 'contacts', inputs });
    expect(first.results.filter((r) => r.result.new)).toHaveLength(150);
    expect(second.results.filter((r) => r.result.new)).toHaveLength(0);
    expect(second.results.map((r) => r.result.id)).toEqual(first.results.map((r) => r.result.id));
    expect(sandbox.objects('contacts')).toHaveLength(150);
  });

  it('maps missing ids of a batch read back to their inputs', async () => {
    const made = await hubspotBatch(hubspot, 'create', {
      objectType: 'deals',
      inputs: [{ properties: { dealname: 'a' } }, { properties: { dealname: 'b' } }],
    });
    const ids = made.results.map((r) => r.result.id);
    const read = await hubspotBatch(hubspot, 'read', {
      objectType: 'deals',
      inputs: [{ id: ids[0] ?? '' }, { id: '999' }, { id: ids[1] ?? '' }],
    });
    expect(read.results.map((r) => r.index)).toEqual([0, 2]);
    expect(read.errors.map((e) => [e.index, e.error.category])).toEqual([[1, 'OBJECT_NOT_FOUND']]);
  });

  it('stops at a chunk that fails as a whole and marks later inputs NOT_SENT', async () => {
    const inputs = Array.from({ length: 150 }, (_, i) => ({ id: String(i + 1), properties: { dealname: 'x' } }));
    // A token HubSpot refuses fails the whole call (401), not one item.
    const stranger = createHubspotClient({ accessToken: 'pat-wrong', baseUrl: server.url });
    const outcome = await hubspotBatch(stranger, 'update', { objectType: 'deals', inputs });
    expect(outcome.calls).toBe(1);
    expect(outcome.errors.slice(0, 100).every((e) => e.error.category === 'EXPIRED_AUTHENTICATION')).toBe(true);
    expect(outcome.errors.slice(100).every((e) => e.error.category === 'NOT_SENT')).toBe(true);
    expect(outcome.errors.map((e) => e.index)).toEqual(inputs.map((_, i) => i));
  });

  it('refuses more than 100 inputs in one batch operation before sending', async () => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ properties: { email: email(i) } }));
    await expect(hubspot.batchCreateObjects({ objectType: 'contacts', inputs })).rejects.toThrow(/100/);
    expect(server.requests).toHaveLength(0);
  });
});
