import type { TokenSet } from '@junction/core';
import { type ActDeps, actAsUser } from './act-as-user.js';
import { startCallbackServer } from './callback-server.js';
import { callbackPath, PROVIDER_NAMES, PROVIDERS, type Provider, type ProviderAccount } from './config.js';
import { memoryConnectionStore, tokenKey } from './connection-store.js';
import { disconnect } from './disconnect.js';
import { isNotConnectedError, type NotConnectedError } from './errors.js';
import { fingerprint, withoutQuery } from './redact.js';
import { probeRefreshToken } from './refresh-probe.js';
import { DEMO_APPS, startHubspotAccount, startSalesforceAccount } from './sandboxes.js';
import { type ScriptedBrowser, scriptedBrowser } from './scripted-browser.js';

/** Options for {@link run}. */
export interface RunOptions {
  /** Where the story's lines go. Default `console.log`. */
  log?: (line: string) => void;
  /** HubSpot's access token lifetime in the sandboxes, seconds. Default 4 (HubSpot's is 1,800), so the demo waits 2 s for a renewal. */
  hubspotTokenLifetimeS?: number;
  /** Waits: the test moves a fake clock instead. */
  sleep?: (ms: number) => Promise<void>;
}

/** What a user saw of a provider: the contacts listed through their own connection. */
export type Seen = Record<'alice' | 'bob', Record<Provider, string[]>>;

/** What happened, for the test to check. */
export interface RunReport {
  /** Each user's connections, made through the callback route. */
  connected: { userId: string; provider: Provider; account: string }[];
  /** The forged callback: its HTTP status, the reason, whether anything was stored, and the token requests it caused. */
  forged: { status: number; reason: string | undefined; stored: boolean; tokenRequests: number };
  /** The emails each user's contact list showed. */
  seen: Seen;
  /** The Salesforce instance each user's tokens name (their calls go there). */
  instances: Record<'alice' | 'bob', string>;
  /** Alice's renewal per provider: refresh requests the provider saw, and the stored token set before and after. */
  refresh: Record<Provider, { refreshes: number; before: TokenSet; after: TokenSet }>;
  /** Alice's disconnect per provider: what the provider answers to her old refresh token, what is stored, and her next call. */
  disconnected: Record<Provider, { oldRefreshToken: string; stored: boolean; nextCall: NotConnectedError | undefined }>;
  /** Every token grant Alice's accounts issued, in order. */
  aliceGrants: Record<Provider, readonly string[]>;
  /** Bob's contacts after Alice disconnected: unaffected. */
  bobAfter: Record<Provider, string[]>;
  /** Every secret the run handled (app secrets, codes, states, tokens), for checking that none was printed. */
  secrets: string[];
}

const USERS = {
  alice: { email: 'ada@alpha.example', firstName: 'Ada', lastName: 'Lovelace' },
  bob: { email: 'grace@beta.example', firstName: 'Grace', lastName: 'Hopper' },
} as const;
type User = keyof typeof USERS;

/**
 * The whole "connect your account" story, offline: Alice and Bob each connect
 * their own HubSpot account and Salesforce org through the product's
 * callback server (a scripted browser plays them); a forged callback is
 * refused; each creates and lists contacts through their own connection; Alice's
 * tokens expire and are renewed once; Alice disconnects, the providers refuse her
 * old refresh token, and her next call fails with a NotConnectedError, while Bob's go on.
 */
export async function run(options: RunOptions = {}): Promise<RunReport> {
  const log = options.log ?? console.log;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const lifetimeS = options.hubspotTokenLifetimeS ?? 4;
  const connections = memoryConnectionStore();
  const deps: ActDeps = { apps: DEMO_APPS, connections };
  const accounts: Record<string, Partial<Record<Provider, ProviderAccount>>> = {};
  const server = await startCallbackServer({
    apps: DEMO_APPS,
    connections,
    accountFor(userId, provider) {
      const account = accounts[userId]?.[provider];
      if (!account) throw new Error(`${userId} has no ${provider} account in this demo.`);
      return account;
    },
    onEvent(event) {
      if (event.type === 'refused')
        log(`  refused a ${PROVIDER_NAMES[event.provider]} callback for ${event.userId ?? 'nobody'}: ${event.reason}`);
    },
  });

  const hubspot = {
    alice: await startHubspotAccount({
      label: 'HubSpot account "Alpha"',
      productOrigin: server.url,
      owner: 'alice',
      tokenLifetimeS: lifetimeS,
    }),
    bob: await startHubspotAccount({ label: 'HubSpot account "Beta"', productOrigin: server.url, owner: 'bob', tokenLifetimeS: lifetimeS }),
    mallory: await startHubspotAccount({
      label: "the attacker's HubSpot account",
      productOrigin: server.url,
      owner: 'mallory',
      tokenLifetimeS: lifetimeS,
    }),
  };
  const salesforce = {
    alice: await startSalesforceAccount({
      label: 'Salesforce org "Alpha"',
      organizationId: '00D5g00000ALPHA',
      username: 'ada@alpha.example',
    }),
    bob: await startSalesforceAccount({
      label: 'Salesforce org "Beta"',
      organizationId: '00D5g00000BETA1',
      username: 'grace@beta.example',
    }),
  };
  for (const user of ['alice', 'bob'] as const) accounts[user] = { hubspot: hubspot[user].account, salesforce: salesforce[user].account };
  accounts.mallory = { hubspot: hubspot.mallory.account };
  const browsers: Record<User | 'mallory', ScriptedBrowser> = {
    alice: scriptedBrowser(),
    bob: scriptedBrowser(),
    mallory: scriptedBrowser(),
  };

  try {
    log(`The product's server listens on ${server.url}; every provider is a local sandbox. Secrets print as #fingerprints.`);

    // A forged callback: Mallory sends Alice a callback link carrying his own code, hoping her account gets linked to his HubSpot.
    log('\n1. A forged callback is refused');
    const lured = await browsers.mallory.open(`${server.url}/signin?user=mallory&next=/connect/hubspot`, {
      stopBefore: (url) => url.pathname === callbackPath('hubspot'),
    });
    await browsers.alice.open(`${server.url}/signin?user=alice&next=/connect/hubspot`, {
      stopBefore: (url) => url.origin === new URL(hubspot.alice.account.authorizationUrl).origin,
    });
    log('  alice started connecting HubSpot (her state is in her session); a link with another state and code arrives in her browser');
    const forgedAnswer = await browsers.alice.open(lured.url);
    const forged = {
      status: forgedAnswer.status,
      reason: refusedReason(server.events),
      stored: connections.connection('alice', 'hubspot') !== undefined,
      tokenRequests: [hubspot.alice, hubspot.mallory].reduce((n, a) => n + (a.sandbox.oauth?.issued().length ?? 0), 0),
    };
    log(
      `  the callback answered ${forged.status}; stored for alice: ${forged.stored ? 'something' : 'nothing'}; token requests made: ${forged.tokenRequests}`,
    );

    log('\n2. Alice and Bob connect their own accounts (authorization code + PKCE, state checked)');
    const connected: RunReport['connected'] = [];
    await browsers.bob.open(`${server.url}/signin?user=bob`);
    for (const user of ['alice', 'bob'] as const) {
      for (const provider of PROVIDERS) {
        const browser = browsers[user];
        const before = browser.history.length;
        const visit = await browser.open(`${server.url}/connect/${provider}`);
        const authorize = browser.history.slice(before).find((u) => new URL(u).origin !== server.url);
        const query = authorize ? new URL(authorize).searchParams : new URLSearchParams();
        log(
          `  ${user} → /connect/${provider} → ${authorize ? withoutQuery(authorize) : '?'} ` +
            `(scope "${query.get('scope')}", PKCE ${query.get('code_challenge_method')}, state ${fingerprint(query.get('state') ?? undefined)}) → ${visit.status} "${visit.text}"`,
        );
        const connection = connections.connection(user, provider);
        const tokens = storedTokens(user, provider);
        if (!connection || !tokens) continue;
        connected.push({ userId: user, provider, account: connection.account.label });
        const instance = tokens.extra?.instance_url;
        log(
          `    stored under "${tokenKey(user, provider)}": ${connection.account.label}, access ${fingerprint(tokens.accessToken)}, ` +
            `refresh ${fingerprint(tokens.refreshToken)}, ` +
            `${tokens.expiresAt ? `expires in ${Math.round((tokens.expiresAt - Date.now()) / 1000)} s` : 'no expiry given'}` +
            `${typeof instance === 'string' ? `, instance_url ${instance}` : ''}`,
        );
      }
    }

    log('\n3. Calls on behalf of each user, with their own tokens');
    const seen = { alice: { hubspot: [], salesforce: [] }, bob: { hubspot: [], salesforce: [] } } as Seen;
    for (const user of ['alice', 'bob'] as const) {
      for (const provider of PROVIDERS) {
        await actAsUser(deps, user, provider, (crm) => crm.contacts.create(USERS[user]));
        seen[user][provider] = await listEmails(deps, user, provider);
        log(
          `  ${user} created ${USERS[user].email} in ${accounts[user]?.[provider]?.label}; their list shows: ${seen[user][provider].join(', ')}`,
        );
      }
    }
    const instanceOf = (user: User) => String(storedTokens(user, 'salesforce')?.extra?.instance_url);
    const instances = { alice: instanceOf('alice'), bob: instanceOf('bob') };
    log(`  Salesforce calls went to each user's own instance: alice → ${instances.alice}, bob → ${instances.bob}`);

    log('\n4. Tokens expire; the next calls renew them once and store the new set');
    const refreshesAt = {
      hubspot: () => hubspot.alice.sandbox.oauth?.issued().filter((g) => g === 'refresh_token').length ?? 0,
      salesforce: () => salesforce.alice.org.grants.filter((g) => g === 'refresh_token').length,
    };
    const hubspotBefore = required(storedTokens('alice', 'hubspot'));
    const due = renewalDue(hubspotBefore);
    log(
      `  HubSpot tokens live ${lifetimeS} s here (30 min at HubSpot); waiting ${Math.ceil((due - Date.now()) / 1000)} s until alice's is due`,
    );
    await sleep(Math.max(0, due - Date.now()) + 50);
    const salesforceBefore = required(storedTokens('alice', 'salesforce'));
    salesforce.alice.org.expireSessions();
    log("  alice's Salesforce org ends her session (its session timeout); the next call answers 401 INVALID_SESSION_ID");
    const refresh = {} as RunReport['refresh'];
    for (const provider of PROVIDERS) {
      const before = provider === 'hubspot' ? hubspotBefore : salesforceBefore;
      const counted = refreshesAt[provider]();
      // Three calls at once: one renewal between them (the store's lock, then a re-read).
      await Promise.all([0, 1, 2].map(() => listEmails(deps, 'alice', provider)));
      const after = required(storedTokens('alice', provider));
      refresh[provider] = { refreshes: refreshesAt[provider]() - counted, before, after };
      log(
        `  ${PROVIDER_NAMES[provider]}: 3 calls, ${refresh[provider].refreshes} renewal; stored access ${fingerprint(before.accessToken)} → ${fingerprint(after.accessToken)}, ` +
          `refresh ${fingerprint(before.refreshToken)} → ${fingerprint(after.refreshToken)} (${after.refreshToken === before.refreshToken ? 'kept: no rotation' : 'rotated, saved first'})`,
      );
    }

    log('\n5. Alice disconnects: revoked at the provider, tokens deleted');
    const disconnected = {} as RunReport['disconnected'];
    for (const provider of PROVIDERS) {
      const last = required(storedTokens('alice', provider));
      const account = required(accounts.alice?.[provider]);
      await disconnect(deps, 'alice', provider);
      const oldRefreshToken = await probeRefreshToken(account, DEMO_APPS[provider], last.refreshToken ?? '');
      const nextCall = await listEmails(deps, 'alice', provider).then(
        () => undefined,
        (error: unknown) => (isNotConnectedError(error) ? error : Promise.reject(error)),
      );
      disconnected[provider] = { oldRefreshToken, stored: storedTokens('alice', provider) !== undefined, nextCall };
      log(
        `  ${PROVIDER_NAMES[provider]}: the old refresh token is now answered "${oldRefreshToken}"; alice's next call: ${nextCall?.name}: ${nextCall?.message}`,
      );
    }
    const bobAfter = { hubspot: await listEmails(deps, 'bob', 'hubspot'), salesforce: await listEmails(deps, 'bob', 'salesforce') };
    log(`  bob is unaffected: HubSpot shows ${bobAfter.hubspot.join(', ')}; Salesforce shows ${bobAfter.salesforce.join(', ')}`);
    log(
      '\nDone: two users, four connections, one forged callback refused, one renewal per expiry, two revocations. No account, no network.',
    );

    const aliceGrants = { hubspot: [...(hubspot.alice.sandbox.oauth?.issued() ?? [])], salesforce: [...salesforce.alice.org.grants] };
    return { connected, forged, seen, instances, refresh, disconnected, aliceGrants, bobAfter, secrets: secretsOf() };
  } finally {
    await server.close();
    await Promise.all([...Object.values(hubspot).map((a) => a.server.close()), ...Object.values(salesforce).map((a) => a.org.close())]);
  }

  function storedTokens(user: string, provider: Provider): TokenSet | undefined {
    return connections.tokens.get(tokenKey(user, provider)) as TokenSet | undefined;
  }

  function secretsOf(): string[] {
    const fromUrls = Object.values(browsers).flatMap((b) =>
      b.history.flatMap((u) => ['code', 'state', 'code_challenge'].map((p) => new URL(u).searchParams.get(p) ?? '')),
    );
    const fromTokens = connections.writes.flatMap((w) => [w.tokens.accessToken, w.tokens.refreshToken ?? '']);
    return [...Object.values(DEMO_APPS).map((a) => a.clientSecret), ...fromUrls, ...fromTokens].filter((s) => s.length >= 8);
  }
}

async function listEmails(deps: ActDeps, user: string, provider: Provider): Promise<string[]> {
  const page = await actAsUser(deps, user, provider, (crm) => crm.contacts.list());
  return page.items.map((c) => c.email ?? '(no email)');
}

/** When core renews a token ahead of expiry: the default 60 s skew, at most half the lifetime. */
function renewalDue(tokens: TokenSet): number {
  const expiresAt = tokens.expiresAt ?? Date.now();
  const lifetime = expiresAt - (tokens.issuedAt ?? expiresAt);
  return expiresAt - Math.min(60_000, lifetime / 2);
}

function refusedReason(events: readonly { type: string; reason?: string }[]): string | undefined {
  return events.findLast((e) => e.type === 'refused')?.reason;
}

function required<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('Expected a value the demo has just made.');
  return value;
}
