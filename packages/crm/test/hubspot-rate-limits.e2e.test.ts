import { isRateLimitError } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubspotClient, HUBSPOT_POLICY, type HubspotClientOptions } from '../src/hubspot/index.js';
import { createHubspotSandbox, type HubspotSandbox, type HubspotSandboxOptions } from '../src/hubspot/sandbox/index.js';

let server: LoopbackServer | undefined;
afterEach(() => server?.close());

async function setup(limits: HubspotSandboxOptions['limits'], client: Partial<HubspotClientOptions> = {}) {
  const sandbox: HubspotSandbox = createHubspotSandbox({ limits });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
  const hubspot = createHubspotClient({ accessToken: 'pat-sandbox-token', baseUrl: server.url, ...client } as HubspotClientOptions);
  return { sandbox, hubspot };
}

describe('HubSpot rate limits, end to end', () => {
  it('waits out TEN_SECONDLY_ROLLING 429s and retries, so the caller only sees the answer', async () => {
    // The sandbox window is 40 ms so the wait is short; the client reads it from X-HubSpot-RateLimit-Interval-Milliseconds.
    const { sandbox, hubspot } = await setup({ perInterval: 100, intervalMs: 40 });
    sandbox.limits.force(HUBSPOT_POLICY.tenSecondlyRolling, 2);
    const page = await hubspot.listObjects({ objectType: 'contacts' });
    expect(page.results).toEqual([]);
    expect(sandbox.requests.map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('holds concurrent calls past a real rolling window: every call resolves, 429s included', async () => {
    // The client believes it may send 1000 per 10 s; the sandbox allows 3 per 200 ms.
    const { sandbox, hubspot } = await setup({ perInterval: 3, intervalMs: 200 }, { tier: 1000 });
    const results = await Promise.all(Array.from({ length: 6 }, () => hubspot.listObjects({ objectType: 'deals' })));
    expect(results).toHaveLength(6);
    const statuses = sandbox.requests.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses).toContain(429);
  });

  it('fails a DAILY 429 at once with a non-retryable RateLimitError saying when the day ends', async () => {
    const now = () => Date.parse('2026-12-02T17:00:00.000Z');
    const { sandbox, hubspot } = await setup({}, { timeZone: 'America/New_York', now });
    sandbox.limits.spendDay();
    const error = await hubspot.createObject({ objectType: 'contacts', properties: { email: 'a@example.com' } }).catch((e: unknown) => e);
    expect(isRateLimitError(error)).toBe(true);
    if (!isRateLimitError(error)) return;
    expect(error.retryable).toBe(false);
    expect(error.resetAt?.toISOString()).toBe('2026-12-03T05:00:00.000Z');
    expect(error.message).toMatch(/midnight in the account's time zone/);
    expect(error.message).toContain('America/New_York');
    expect(error.message).toContain('X-HubSpot-RateLimit-Daily-Remaining: 0');
    expect(sandbox.requests).toHaveLength(1);
  });

  it('says the zone is assumed when none is configured', async () => {
    const { sandbox, hubspot } = await setup({}, { now: () => Date.parse('2026-12-02T23:30:00.000Z') });
    sandbox.limits.spendDay();
    const error = await hubspot.listObjects({ objectType: 'contacts' }).catch((e: unknown) => e);
    expect(isRateLimitError(error) && error.resetAt?.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(String(error)).toMatch(/UTC \(assumed/);
  });

  it('waits on a SECONDLY search 429 and retries it', async () => {
    const { sandbox, hubspot } = await setup({ perInterval: 100, intervalMs: 40 });
    sandbox.limits.force(HUBSPOT_POLICY.secondly, 1);
    const found = await hubspot.searchObjects({ objectType: 'contacts', query: 'x' });
    expect(found.total).toBe(0);
    expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
  });
});
