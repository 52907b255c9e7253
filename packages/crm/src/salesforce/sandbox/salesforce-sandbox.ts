import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import type { HttpHandler } from 'msw';
import { toSalesforceId18 } from '../salesforce-ids.js';
import { type InstanceState, instanceHandlers } from './salesforce-sandbox-data.js';
import { type LoginState, loginHandlers, type SandboxConnectedApp, type SandboxSession } from './salesforce-sandbox-oauth.js';
import { OutboundSender, type SandboxOutboundOptions } from './salesforce-sandbox-outbound.js';
import { QueryEngine } from './salesforce-sandbox-query.js';
import { DEFAULT_SANDBOX_OBJECTS, RecordStore, type SandboxObjectSpec } from './salesforce-sandbox-records.js';

/** The connected app a sandbox registers unless told otherwise. */
export const SALESFORCE_SANDBOX_APP = {
  clientId: '3MVG9sandbox.junction.consumer.key',
  clientSecret: 'sandbox-consumer-secret-5f1c8e2a9d',
} as const;

/** The org id a sandbox uses unless told otherwise (18 characters). */
export const SALESFORCE_SANDBOX_ORG_ID = toSalesforceId18('00D5g000004SBXj') as string;

/** Options for {@link createSalesforceSandbox}. */
export interface SalesforceSandboxOptions {
  /** The login host's origin, e.g. a loopback server's URL. */
  loginUrl: string;
  /** The instance hosts' origins; the first is where the org lives until `migrate()`. */
  instanceUrls: readonly string[];
  /** The connected app. Default {@link SALESFORCE_SANDBOX_APP} (no certificate: pass `publicKey` for the JWT bearer flow). */
  app?: Partial<SandboxConnectedApp>;
  /** Users who may log in; the first is the one the web server flow logs in. Default `['sandbox.user@example.com']`. */
  usernames?: readonly string[];
  /** The org id. Default {@link SALESFORCE_SANDBOX_ORG_ID}. */
  organizationId?: string;
  /** Inactivity after which a session answers 401 INVALID_SESSION_ID. Default 2 hours, the org default. */
  sessionTimeoutMs?: number;
  /** Rows per query page before `nextRecordsUrl`. Default 2,000, Salesforce's default batch. */
  batchSize?: number;
  /** The org's daily API allocation. Default 15,000. */
  apiLimit?: number;
  /** The objects. Default Account, Contact, Opportunity, Lead (each with a unique `External_Id__c`, but Lead). */
  objects?: Record<string, SandboxObjectSpec>;
  /** Send outbound messages to this endpoint on every save. */
  outbound?: SandboxOutboundOptions;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/** A local Salesforce org: the handlers of its hosts and what a test needs to look inside and steer it. */
export interface SalesforceSandbox {
  readonly loginUrl: string;
  /** The instance new tokens name now. */
  readonly instanceUrl: string;
  readonly app: SandboxConnectedApp;
  readonly organizationId: string;
  /** The login host's handlers. */
  readonly loginHandlers: HttpHandler[];
  /** Each instance host's handlers, by origin. */
  readonly instanceHandlers: ReadonlyMap<string, HttpHandler[]>;
  /** The records, by object. */
  readonly records: RecordStore;
  /** Every session issued. */
  readonly sessions: ReadonlyMap<string, SandboxSession>;
  /** The grant of each token request, in order. */
  readonly grants: readonly string[];
  /** API requests counted, and the allocation. */
  readonly usage: { readonly used: number; readonly max: number };
  /** Outbound messages, when `outbound` is set. */
  readonly outbound: OutboundSender | undefined;
  /** Sets the rows per query page. */
  setBatchSize(size: number): void;
  /** Sets the API usage counted so far (to test limits). */
  setUsage(used: number, max?: number): void;
  /** The next `count` data requests answer `errorCode` (e.g. UNABLE_TO_LOCK_ROW, status 400). */
  failNext(errorCode: string, count?: number, status?: number, message?: string): void;
  /** Ends every session now (as an org's session timeout would): the next call answers 401 INVALID_SESSION_ID. */
  expireSessions(): void;
  /** Moves the org to another instance: sessions end, and new tokens name `instanceUrl`. */
  migrate(instanceUrl: string): void;
  /** Forgets records, sessions, usage, scripted failures and outbound messages (ids keep counting). */
  reset(): void;
}

/**
 * A local Salesforce org for tests: a login host (web server flow with
 * PKCE, refresh, client credentials, JWT bearer) whose tokens name an
 * `instance_url` on another origin, instance hosts with stateful sObjects,
 * the SOQL the connector writes, sObject Collections with partial failures
 * and `allOrNone` rollback, `Sforce-Limit-Info` counting down to 403
 * REQUEST_LIMIT_EXCEEDED, session expiry and org migration, and outbound messages.
 */
export function createSalesforceSandbox(options: SalesforceSandboxOptions): SalesforceSandbox {
  const now = options.now ?? Date.now;
  const firstInstance = options.instanceUrls[0];
  if (!firstInstance) throw new Error('createSalesforceSandbox needs at least one instance URL.');
  const app: SandboxConnectedApp = { ...SALESFORCE_SANDBOX_APP, ...options.app };
  const organizationId = toSalesforceId18(options.organizationId ?? SALESFORCE_SANDBOX_ORG_ID) as string;
  const login: LoginState = { sessions: new Map(), grants: [], instanceUrl: firstInstance };
  const store = new RecordStore(options.objects ?? DEFAULT_SANDBOX_OBJECTS, now);
  let batchSize = options.batchSize ?? 2000;
  const queries = new QueryEngine(store, () => batchSize);
  const outbound = options.outbound ? new OutboundSender(options.outbound, organizationId, () => login.instanceUrl) : undefined;
  const state: InstanceState = {
    used: 0,
    max: options.apiLimit ?? 15_000,
    failures: [],
    onSaved: (object, record) => outbound?.saved(object, record),
  };
  const handlers = new Map(
    options.instanceUrls.map((origin) => [
      origin,
      instanceHandlers({ origin, login, store, queries, state, now, sessionTimeoutMs: options.sessionTimeoutMs ?? 2 * 60 * 60 * 1000 }),
    ]),
  );
  return {
    loginUrl: options.loginUrl,
    get instanceUrl() {
      return login.instanceUrl;
    },
    app,
    organizationId,
    loginHandlers: loginHandlers({
      loginUrl: options.loginUrl,
      app,
      organizationId,
      userId: toSalesforceId18('0055g00000SBXuA') as string,
      usernames: options.usernames ?? ['sandbox.user@example.com'],
      now,
      state: login,
    }),
    instanceHandlers: handlers,
    records: store,
    sessions: login.sessions,
    grants: login.grants,
    get usage() {
      return { used: state.used, max: state.max };
    },
    outbound,
    setBatchSize(size) {
      batchSize = size;
    },
    setUsage(used, max) {
      state.used = used;
      if (max !== undefined) state.max = max;
    },
    failNext(errorCode, count = 1, status = 400, message = 'unable to obtain exclusive access to this record') {
      state.failures.push({ errorCode, status, remaining: count, message });
    },
    expireSessions() {
      login.sessions.clear();
    },
    migrate(instanceUrl) {
      if (!handlers.has(instanceUrl)) throw new Error(`The sandbox has no instance ${instanceUrl}.`);
      login.instanceUrl = instanceUrl;
      login.sessions.clear();
    },
    reset() {
      store.reset();
      queries.reset();
      login.sessions.clear();
      login.grants.length = 0;
      state.used = 0;
      state.failures.length = 0;
      outbound?.reset();
    },
  };
}

/** A sandbox served on loopback ports: one for the login host, one per instance. */
export interface RunningSalesforceSandbox extends SalesforceSandbox {
  readonly servers: { readonly login: LoopbackServer; readonly instances: readonly LoopbackServer[] };
  /** Stops every server. */
  close(): Promise<void>;
}

/** Starts a sandbox on 127.0.0.1: the login host and `instances` instance hosts (default 2, so org migration can be tried), each on its own port. */
export async function startSalesforceSandbox(
  options: Omit<SalesforceSandboxOptions, 'loginUrl' | 'instanceUrls'> & { instances?: number } = {},
): Promise<RunningSalesforceSandbox> {
  const { instances: count = 2, ...rest } = options;
  const login = await startLoopbackServer();
  const instances = await Promise.all(Array.from({ length: count }, () => startLoopbackServer()));
  const sandbox = createSalesforceSandbox({ ...rest, loginUrl: login.url, instanceUrls: instances.map((s) => s.url) });
  login.resetHandlers(...sandbox.loginHandlers);
  for (const server of instances) server.resetHandlers(...(sandbox.instanceHandlers.get(server.url) ?? []));
  return Object.assign(sandbox, {
    servers: { login, instances },
    async close() {
      await Promise.all([login.close(), ...instances.map((s) => s.close())]);
    },
  });
}
