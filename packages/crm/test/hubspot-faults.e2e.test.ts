import { isApiError, isNetworkError } from '@junction/core';
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
  hubspot = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url, retry: { minDelayMs: 1, maxDelayMs: 5 } });
});
afterAll(() => server.close());
beforeEach(() => {
  sandbox.reset();
  server.requests.length = 0;
  server.faults.clear();
});

describe('HubSpot writes through faults: zero duplicates at the sandbox', () => {
  it('never repeats a create after an unknown outcome (the answer lost after HubSpot acted)', async () => {
    server.faults.set({ 1: { kind: 'reset', when: 'after' } });
    const error = await hubspot
      .createObject({ objectType: 'contacts', properties: { email: 'once@example.com' } })
      .catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(sandbox.objects('contacts')).toHaveLength(1);
  });

  it('does not repeat a create after a 5xx either (HubSpot may have acted)', async () => {
    server.faults.set({ 1: { kind: 'serverError', status: 502, when: 'after' } });
    const error = await hubspot
      .createObject({ objectType: 'contacts', properties: { email: 'once@example.com' } })
      .catch((e: unknown) => e);
    expect(isApiError(error) && error.status).toBe(502);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a batch upsert through resets before and after the write, and it still creates each contact once', async () => {
    server.faults.set({
      1: { kind: 'reset', when: 'before' },
      2: { kind: 'reset', when: 'after' },
      3: { kind: 'serverError', status: 503, when: 'after' },
    });
    const inputs = Array.from({ length: 30 }, (_, i) => ({
      id: `u${i}@example.com`,
      idProperty: 'email',
      properties: { firstname: `U${i}` },
    }));
    const outcome = await hubspotBatch(hubspot, 'upsert', { objectType: 'contacts', inputs });
    expect(outcome.errors).toEqual([]);
    expect(outcome.results).toHaveLength(30);
    expect(server.requests).toHaveLength(4);
    expect(sandbox.objects('contacts')).toHaveLength(30);
  });
});
