import { WebhookSender } from '@junction/testing';
import { hubspotV3Signer } from '../hubspot-signature.js';
import type { ObjectChange } from './hubspot-sandbox-store.js';

/** Where and how the sandbox delivers webhooks. */
export interface HubspotSandboxWebhooks {
  /** The absolute URL deliveries are POSTed to (and signed with). */
  url: string;
  /** The app's client secret that signs them (v3). */
  clientSecret: string;
  /** The app id and portal id put on events. Defaults 1 and 62515. */
  appId?: number;
  portalId?: number;
  /** Most events per delivery (HubSpot sends up to 100). Default 100. */
  maxBatch?: number;
  /** Deliver every batch twice (the second with `attemptNumber: 1`), as HubSpot may redeliver. Default false. */
  duplicates?: boolean;
  /** Further attempts after a failed delivery. Default 2. */
  retries?: number;
  /** Wait between attempts. Default 10 ms. */
  retryDelayMs?: number;
}

/** One event as HubSpot sends it. */
export type HubspotEventPayload = Record<string, unknown> & { eventId: number; subscriptionType: string; attemptNumber: number };

const SINGULAR = { contacts: 'contact', companies: 'company', deals: 'deal' } as const;

/**
 * Turns changes into HubSpot v3 events and delivers them in signed batches
 * (JSON arrays), after the answer that caused them, with HubSpot's retries
 * and, if asked, a duplicate of each batch.
 */
export class HubspotWebhookOutbox {
  readonly sender: WebhookSender<HubspotEventPayload[], { eventIds: number[]; types: string[] }>;
  readonly #options: HubspotSandboxWebhooks;
  readonly #now: () => number;
  #pending: HubspotEventPayload[] = [];
  #nextEventId = 1;

  constructor(options: HubspotSandboxWebhooks, now: () => number) {
    this.#options = options;
    this.#now = now;
    this.sender = new WebhookSender({
      url: options.url,
      signer: hubspotV3Signer({ clientSecret: options.clientSecret, url: options.url }),
      describe: (events) => ({ eventIds: events.map((e) => e.eventId), types: events.map((e) => e.subscriptionType) }),
      retries: options.retries ?? 2,
      retryDelayMs: options.retryDelayMs ?? 10,
      now,
    });
  }

  /** Records the events of one change, to be sent after the current answer. */
  record(change: ObjectChange): void {
    const common = {
      subscriptionId: 1,
      portalId: this.#options.portalId ?? 62515,
      appId: this.#options.appId ?? 1,
      occurredAt: this.#now(),
      attemptNumber: 0,
      changeSource: 'INTEGRATION',
    };
    const eventId = this.#nextEventId++;
    if (change.kind === 'associationChange') {
      const from = SINGULAR[change.objectType];
      this.#pending.push({
        ...common,
        eventId,
        subscriptionType: `${from}.associationChange`,
        associationType: `${from.toUpperCase()}_TO_${SINGULAR[change.toObjectType].toUpperCase()}`,
        fromObjectId: Number(change.fromObjectId),
        toObjectId: Number(change.toObjectId),
        associationRemoved: change.removed,
        isPrimaryAssociation: false,
      });
      return;
    }
    const type = SINGULAR[change.object.objectType];
    const objectId = Number(change.object.id);
    if (change.kind === 'propertyChange') {
      this.#pending.push({
        ...common,
        eventId,
        subscriptionType: `${type}.propertyChange`,
        objectId,
        propertyName: change.propertyName,
        propertyValue: change.propertyValue,
      });
    } else {
      this.#pending.push({ ...common, eventId, subscriptionType: `${type}.${change.kind}`, objectId });
    }
  }

  /** Sends what was recorded, in batches of at most `maxBatch`. */
  dispatch(): void {
    const events = this.#pending;
    this.#pending = [];
    const size = this.#options.maxBatch ?? 100;
    for (let start = 0; start < events.length; start += size) {
      const batch = events.slice(start, start + size);
      this.sender.send(batch);
      if (this.#options.duplicates) this.sender.send(batch.map((event) => ({ ...event, attemptNumber: 1 })));
    }
  }

  /** Waits for every delivery under way. */
  flush(): Promise<void> {
    return this.sender.flush();
  }

  reset(): void {
    this.#pending = [];
    this.#nextEventId = 1;
    this.sender.deliveries.length = 0;
  }
}
