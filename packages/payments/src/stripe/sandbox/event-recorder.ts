import type { Clock } from './clock.js';
import { buildEvent } from './event-object.js';
import type { IdGenerator } from './ids.js';
import type { AccountStore, StripeObject } from './store.js';
import type { WebhookSender } from './webhook-sender.js';

/** Where an event comes from: the request that caused it. */
export interface EventOrigin {
  store: AccountStore;
  account?: string;
  livemode: boolean;
  requestId: string | null;
  idempotencyKey: string | null;
  apiVersion: string;
}

/**
 * Records an event for every change, as Stripe does: kept for
 * `/v1/events` and, when a webhook endpoint is configured, delivered to it.
 */
export class EventRecorder {
  readonly #ids: IdGenerator;
  readonly #now: Clock;
  readonly #webhook: WebhookSender | undefined;

  constructor(ids: IdGenerator, now: Clock, webhook: WebhookSender | undefined) {
    this.#ids = ids;
    this.#now = now;
    this.#webhook = webhook;
  }

  /** Records `type` with a snapshot of `object` (and what changed, for `*.updated`). */
  record(origin: EventOrigin, type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
    const event = buildEvent({
      id: this.#ids.next('evt'),
      created: this.#now(),
      type,
      livemode: origin.livemode,
      api_version: origin.apiVersion,
      object,
      ...(previous ? { previous_attributes: previous } : {}),
      request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
      pending_webhooks: this.#webhook ? 1 : 0,
      ...(origin.account ? { account: origin.account } : {}),
    });
    origin.store.events.push(event);
    this.#webhook?.send(event);
    return event;
  }
}
