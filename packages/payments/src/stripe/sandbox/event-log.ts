import { EventRecorder, type IdGenerator } from '@junction/testing';
import { buildEvent } from './event-object.js';
import type { AccountStore, SandboxState, StripeObject } from './store.js';

/** Where an event comes from: the request that caused it. */
export interface EventOrigin {
  store: AccountStore;
  account?: string;
  livemode: boolean;
  requestId: string | null;
  idempotencyKey: string | null;
  apiVersion: string;
}

/** What a Stripe event is made from: the object as it is now, and what changed (for `*.updated`). */
interface EventSource {
  origin: EventOrigin;
  object: StripeObject;
  previous?: Record<string, unknown>;
}

/** Records Stripe's events on the kit's recorder; listeners (the store, a webhook sender) get each one. */
export class EventLog {
  /** The kit's recorder: subscribe to it for every event. */
  readonly recorder: EventRecorder<StripeObject>;

  constructor(options: { ids: IdGenerator; nowMs: () => number; webhooks: boolean; state: SandboxState }) {
    this.recorder = new EventRecorder<StripeObject>({
      id: () => options.ids.next('evt'),
      now: options.nowMs,
      build: (type, data, meta) => {
        const { origin, object, previous } = data as EventSource;
        return buildEvent({
          ...meta,
          type,
          livemode: origin.livemode,
          api_version: origin.apiVersion,
          object,
          ...(previous ? { previous_attributes: previous } : {}),
          request: { id: origin.requestId, idempotency_key: origin.idempotencyKey },
          pending_webhooks: options.webhooks ? 1 : 0,
          ...(origin.account ? { account: origin.account } : {}),
        });
      },
    });
    // Each account lists its own events on /v1/events.
    this.recorder.subscribe((event) => options.state.account(event.account as string | undefined).events.push(event));
  }

  /** Records `type` with a snapshot of `object` (and what changed, for `*.updated`). */
  record(origin: EventOrigin, type: string, object: StripeObject, previous?: Record<string, unknown>): StripeObject {
    return this.recorder.record(type, { origin, object, ...(previous ? { previous } : {}) } satisfies EventSource);
  }

  /** Forgets the recorder's events (the store keeps its own until it is cleared). */
  clear(): void {
    this.recorder.clear();
  }
}
