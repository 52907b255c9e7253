import { createHubspotSandbox } from '@junction/crm/hubspot/sandbox';
import { SALESFORCE_SANDBOX_APP, startSalesforceSandbox } from '@junction/crm/salesforce/sandbox';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '@junction/testing';
import { type ConnectOptions, type CrmTarget, connectCrm, type SyncCrm } from './crm.js';

/** One contact written to the CRM: upserted by email, or updated by id. */
export interface WrittenItem {
  kind: 'upsert' | 'update';
  /** The email (upsert) or the contact id (update). */
  key: string;
}

/** A local CRM on 127.0.0.1: the sandbox of HubSpot or Salesforce, its address, and what a test reads. */
export interface LocalCrm {
  provider: CrmTarget['provider'];
  /** How another process reaches it (see `connectCrm`). */
  target: CrmTarget;
  /** A unified client on it, for this process. */
  crm: SyncCrm;
  /** Every contact write the CRM received, item by item, in order. */
  writes(): WrittenItem[];
  /** Every live contact, read through the unified client, in id order. */
  contacts(): Promise<Awaited<ReturnType<SyncCrm['contacts']['get']>>[]>;
  close(): Promise<void>;
}

/** Starts the sandbox of `provider` on loopback ports. Pass `now` to move its clock (and the client's change feed) in a test. */
export async function startLocalCrm(provider: CrmTarget['provider'], options: { now?: () => number } = {}): Promise<LocalCrm> {
  const connect: ConnectOptions = { lagMs: 0, ...(options.now ? { now: options.now } : {}) };
  let target: CrmTarget;
  let servers: LoopbackServer[];
  let close: () => Promise<void>;
  let itemsOf: (request: RecordedRequest) => WrittenItem[];
  if (provider === 'hubspot') {
    const sandbox = createHubspotSandbox({ limits: false, ...(options.now ? { now: options.now } : {}) });
    const server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
    target = { provider, baseUrl: server.url, accessToken: 'pat-sandbox-token' };
    servers = [server];
    close = () => server.close();
    itemsOf = hubspotItems;
  } else {
    const org = await startSalesforceSandbox({ instances: 1, ...(options.now ? { now: options.now } : {}) });
    target = {
      provider,
      loginUrl: org.loginUrl,
      clientId: SALESFORCE_SANDBOX_APP.clientId,
      clientSecret: SALESFORCE_SANDBOX_APP.clientSecret,
    };
    servers = [...org.servers.instances];
    close = () => org.close();
    itemsOf = salesforceItems;
  }
  const crm = connectCrm(target, connect);
  return {
    provider,
    target,
    crm,
    writes: () => servers.flatMap((server) => server.requests.filter((r) => r.status !== undefined && r.status < 300).flatMap(itemsOf)),
    async contacts() {
      const all: Awaited<ReturnType<SyncCrm['contacts']['get']>>[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<SyncCrm['contacts']['list']>> = await crm.contacts.list({
          limit: 100,
          ...(cursor ? { cursor } : {}),
        });
        all.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return all.sort((a, b) => ((a?.id ?? '') < (b?.id ?? '') ? -1 : 1));
    },
    close,
  };
}

const body = (request: RecordedRequest) => (request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {});

function hubspotItems(request: RecordedRequest): WrittenItem[] {
  const inputs = (body(request).inputs ?? []) as { id?: string; properties?: Record<string, string> }[];
  if (/\/contacts\/batch\/upsert$/.test(request.path)) return inputs.map((i) => ({ kind: 'upsert', key: String(i.id) }));
  if (/\/contacts\/batch\/update$/.test(request.path)) return inputs.map((i) => ({ kind: 'update', key: String(i.id) }));
  if (/\/contacts\/batch\/create$/.test(request.path)) return inputs.map((i) => ({ kind: 'upsert', key: String(i.properties?.email) }));
  if (/\/contacts(\/\d+)?$/.test(request.path) && (request.method === 'POST' || request.method === 'PATCH')) {
    const properties = body(request).properties as Record<string, string> | undefined;
    return [
      request.method === 'POST'
        ? { kind: 'upsert', key: String(properties?.email) }
        : { kind: 'update', key: request.path.split('/').at(-1) as string },
    ];
  }
  return [];
}

function salesforceItems(request: RecordedRequest): WrittenItem[] {
  if (!/\/composite\/sobjects$/.test(request.path) || (request.method !== 'POST' && request.method !== 'PATCH')) return [];
  const records = (body(request).records ?? []) as { attributes?: { type?: string }; Id?: string; Email?: string }[];
  return records
    .filter((r) => r.attributes?.type === 'Contact')
    .map((r) => (request.method === 'POST' ? { kind: 'upsert', key: String(r.Email) } : { kind: 'update', key: String(r.Id) }));
}
