import { XMLBuilder } from 'fast-xml-parser';
import { toSalesforceId18 } from '../salesforce-ids.js';
import { OUTBOUND_MAX_NOTIFICATIONS } from '../salesforce-outbound.js';
import type { StoredRecord } from './salesforce-sandbox-records.js';

/** Where and what the sandbox sends as outbound messages. */
export interface SandboxOutboundOptions {
  /** The endpoint messages are POSTed to. */
  url: string;
  /** The objects whose saves send a message. Default: every object. */
  objects?: readonly string[];
  /** The fields sent. Default: every field of the record. */
  fields?: readonly string[];
  /** The fetch to send with. Default: the global fetch. */
  fetch?: typeof fetch;
}

/** One delivery attempt. */
export interface OutboundDelivery {
  notificationIds: string[];
  status: number;
  acked: boolean;
}

interface Pending {
  id: string;
  object: string;
  record: Record<string, unknown>;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

/**
 * Sends outbound messages the way Salesforce does: a SOAP 1.1 envelope of up
 * to 100 notifications per POST, kept and sent again until the endpoint
 * answers with `<Ack>true</Ack>`. Delivery happens when a test calls
 * `deliver()`, never on a timer, so tests stay deterministic.
 */
export class OutboundSender {
  private pending: Pending[] = [];
  private count = 0;
  readonly deliveries: OutboundDelivery[] = [];

  constructor(
    private readonly options: SandboxOutboundOptions,
    private readonly organizationId: string,
    private readonly instanceUrl: () => string,
  ) {}

  /** Notifications waiting for an Ack. */
  get waiting(): number {
    return this.pending.length;
  }

  /** Queues a notification for a saved record. */
  saved(object: string, record: StoredRecord): void {
    if (this.options.objects && !this.options.objects.includes(object)) return;
    const fields = this.options.fields ?? Object.keys(record).filter((f) => f !== 'IsDeleted');
    const snapshot: Record<string, unknown> = { Id: record.Id };
    for (const f of fields) if (record[f] !== undefined) snapshot[f] = record[f];
    const id = toSalesforceId18(`04l5g${String(++this.count).padStart(10, '0')}`) as string;
    this.pending.push({ id, object, record: snapshot });
  }

  /** The SOAP envelope for some notifications. */
  envelope(items: readonly Pending[]): string {
    const base = this.instanceUrl();
    const doc = {
      'soapenv:Envelope': {
        '@xmlns:soapenv': 'http://schemas.xmlsoap.org/soap/envelope/',
        '@xmlns:xsd': 'http://www.w3.org/2001/XMLSchema',
        '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
        'soapenv:Body': {
          notifications: {
            '@xmlns': 'http://soap.sforce.com/2005/09/outbound',
            OrganizationId: this.organizationId,
            ActionId: toSalesforceId18('04k5g0000000001'),
            SessionId: { '@xsi:nil': 'true' },
            EnterpriseUrl: `${base}/services/Soap/c/68.0/${this.organizationId.slice(0, 15)}`,
            PartnerUrl: `${base}/services/Soap/u/68.0/${this.organizationId.slice(0, 15)}`,
            Notification: items.map((n) => ({
              Id: n.id,
              sObject: {
                '@xsi:type': `sf:${n.object}`,
                '@xmlns:sf': 'urn:sobject.enterprise.soap.sforce.com',
                ...Object.fromEntries(
                  Object.entries(n.record).map(([k, v]) => [`sf:${k}`, v === null ? { '@xsi:nil': 'true' } : String(v)]),
                ),
              },
            })),
          },
        },
      },
    };
    return `<?xml version="1.0" encoding="UTF-8"?>${builder.build(doc) as string}`;
  }

  /** Sends what waits (up to 100 per message) and drops what was acknowledged; the rest is sent again next time. */
  async deliver(): Promise<OutboundDelivery[]> {
    const out: OutboundDelivery[] = [];
    const send = this.options.fetch ?? fetch;
    const batches: Pending[][] = [];
    for (let i = 0; i < this.pending.length; i += OUTBOUND_MAX_NOTIFICATIONS)
      batches.push(this.pending.slice(i, i + OUTBOUND_MAX_NOTIFICATIONS));
    const acked = new Set<string>();
    for (const batch of batches) {
      let status = 0;
      let ok = false;
      try {
        const response = await send(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
          body: this.envelope(batch),
        });
        status = response.status;
        ok = response.status === 200 && /<(?:\w+:)?Ack>\s*true\s*<\/(?:\w+:)?Ack>/.test(await response.text());
      } catch {
        // Unreachable: kept for the next delivery, as Salesforce retries.
      }
      if (ok) for (const n of batch) acked.add(n.id);
      const delivery = { notificationIds: batch.map((n) => n.id), status, acked: ok };
      this.deliveries.push(delivery);
      out.push(delivery);
    }
    this.pending = this.pending.filter((n) => !acked.has(n.id));
    return out;
  }

  reset(): void {
    this.pending = [];
    this.deliveries.length = 0;
  }
}
