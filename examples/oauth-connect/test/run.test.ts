import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { startCallbackServer } from '../src/callback-server.js';
import { memoryConnectionStore } from '../src/connection-store.js';
import { NotConnectedError } from '../src/errors.js';
import { run } from '../src/run.js';
import { DEMO_APPS } from '../src/sandboxes.js';
import { scriptedBrowser } from '../src/scripted-browser.js';

// Only Date is faked: the clock the token manager and the sandboxes read, moved by hand, so
// HubSpot's real 30-minute token lifetime passes at once.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(Date.parse('2026-12-03T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

it('connects two users to their own accounts, refreshes once per expiry, refuses a forged callback, and disconnects for real', async () => {
  const lines: string[] = [];
  const report = await run({
    log: (line) => lines.push(line),
    hubspotTokenLifetimeS: 1800,
    sleep: async (ms) => void vi.setSystemTime(Date.now() + ms),
  });

  // Both users connected, each to their own account at each provider.
  expect(report.connected).toEqual([
    { userId: 'alice', provider: 'hubspot', account: 'HubSpot account "Alpha"' },
    { userId: 'alice', provider: 'salesforce', account: 'Salesforce org "Alpha"' },
    { userId: 'bob', provider: 'hubspot', account: 'HubSpot account "Beta"' },
    { userId: 'bob', provider: 'salesforce', account: 'Salesforce org "Beta"' },
  ]);

  // Each sees only their own data; Salesforce calls go to each user's own instance.
  expect(report.seen).toEqual({
    alice: { hubspot: ['ada@alpha.example'], salesforce: ['ada@alpha.example'] },
    bob: { hubspot: ['grace@beta.example'], salesforce: ['grace@beta.example'] },
  });
  expect(report.instances.alice).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(report.instances.bob).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(report.instances.alice).not.toBe(report.instances.bob);

  // The forged callback: refused on the state, before any token request, and nothing stored.
  expect(report.forged).toEqual({ status: 400, reason: 'state_mismatch', stored: false, tokenRequests: 0 });

  // One renewal per expiry (three concurrent calls share it), and the store holds the new set;
  // neither provider rotates, so the refresh token is kept.
  for (const provider of ['hubspot', 'salesforce'] as const) {
    const { refreshes, before, after } = report.refresh[provider];
    expect(refreshes, provider).toBe(1);
    expect(after.accessToken, provider).not.toBe(before.accessToken);
    expect(after.refreshToken, provider).toBe(before.refreshToken);
    expect(report.aliceGrants[provider], provider).toEqual(['authorization_code', 'refresh_token']);
  }
  // HubSpot's token was renewed ahead of expiry (core's 60 s skew), before the sandbox would refuse it.
  const hubspot = report.refresh.hubspot;
  expect(hubspot.after.issuedAt).toBeGreaterThanOrEqual((hubspot.before.expiresAt ?? 0) - 60_000);
  expect(hubspot.after.issuedAt).toBeLessThan(hubspot.before.expiresAt ?? 0);
  expect((hubspot.after.expiresAt ?? 0) - (hubspot.after.issuedAt ?? 0)).toBe(1800_000);
  expect(report.refresh.salesforce.after.extra?.instance_url).toBe(report.instances.alice);

  // Disconnect: revoked at the provider (the old refresh token is refused), nothing stored, the next call fails typed.
  for (const provider of ['hubspot', 'salesforce'] as const) {
    const { oldRefreshToken, stored, nextCall } = report.disconnected[provider];
    expect(oldRefreshToken, provider).toBe('invalid_grant');
    expect(stored, provider).toBe(false);
    expect(nextCall, provider).toBeInstanceOf(NotConnectedError);
    expect(nextCall, provider).toMatchObject({ userId: 'alice', provider, reason: 'not_connected', reconnectPath: `/connect/${provider}` });
    expect(nextCall?.message, provider).toMatch(/connect again/);
  }
  // Bob's connections are untouched.
  expect(report.bobAfter).toEqual({ hubspot: ['grace@beta.example'], salesforce: ['grace@beta.example'] });

  // No secret, token, code or state in the output.
  const output = lines.join('\n');
  expect(report.secrets.length).toBeGreaterThan(20);
  for (const secret of report.secrets) expect(output).not.toContain(secret);
  for (const app of Object.values(DEMO_APPS)) expect(output).not.toContain(app.clientSecret);
});

it('refuses a callback when no authorization is under way in the session, and stores nothing', async () => {
  const connections = memoryConnectionStore();
  const server = await startCallbackServer({
    apps: DEMO_APPS,
    connections,
    accountFor: () => {
      throw new Error('not reached');
    },
  });
  try {
    const browser = scriptedBrowser();
    const callback = encodeURIComponent('/oauth/hubspot/callback?code=stolen-code&state=guessed-state');
    const visit = await browser.open(`${server.url}/signin?user=eve&next=${callback}`);
    expect(visit.status).toBe(400);
    expect(visit.text).toMatch(/no_pending_authorization/);
    expect(server.events).toEqual([{ type: 'refused', userId: 'eve', provider: 'hubspot', reason: 'no_pending_authorization' }]);
    expect(connections.writes).toEqual([]);
    // Without a session, the callback is not even looked at.
    expect((await fetch(`${server.url}/oauth/hubspot/callback?code=x&state=y`)).status).toBe(401);
  } finally {
    await server.close();
  }
});
