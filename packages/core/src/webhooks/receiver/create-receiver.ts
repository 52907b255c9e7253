import { ConfigurationError } from '../../errors/configuration-error.js';
import type { IdempotencyStore } from '../../idempotency/idempotency-store.js';
import type { AnyWebhooksDefinition, DeliveryVerifier, EventsOf, SecretsOf } from '../define-webhooks.js';
import { createEventRouter, type EventHandlers, type EventRouter } from '../events/event-router.js';
import type { EventOutcome, IncomingEvent } from '../events/event-types.js';
import { type HandlerFailure, handlerError, isEventHandlerError } from '../events/handler-error.js';
import { rawBodyBytes } from '../verify/raw-body.js';
import type { WebhookInput } from '../verify/types.js';
import { deliveryContext } from './delivery-context.js';
import { readEvents } from './read-events.js';

/** A webhooks declaration, or a connector (or any object with a `name`) that carries one as `webhooks`. */
export type WebhookSource = AnyWebhooksDefinition | { readonly name: string; readonly webhooks?: AnyWebhooksDefinition };

/** The declaration inside a {@link WebhookSource}. */
export type DefinitionOf<T> = T extends { verifier: unknown; envelope: unknown }
  ? T
  : T extends { webhooks?: infer D }
    ? NonNullable<D>
    : never;

/** Secrets for the declaration's verifier; not needed when you pass a `verifier` of your own, or when it needs none. */
export type ReceiverSecrets<D> = 0 extends 1 & SecretsOf<D>
  ? // A declaration typed only as the connector slot's (secrets: any): anything goes, checked at run time.
    { secrets?: unknown }
  : [SecretsOf<D>] extends [undefined]
    ? { secrets?: undefined }
    : { secrets: SecretsOf<D>; verifier?: undefined } | { verifier: DeliveryVerifier; secrets?: undefined };

/** Options for {@link createWebhookReceiver}, besides secrets. */
export interface WebhookReceiverSettings<D> {
  /** Replaces the declaration's verifier (a custom scheme, or a test double that still checks something). */
  verifier?: DeliveryVerifier;
  /** Where handled event ids are remembered. Default: in this process's memory. Pass a shared store when several processes receive. */
  store?: IdempotencyStore;
  /** How long a handled id is remembered. Default: the declaration's `redeliveryMs` (the provider's redelivery window), else the store's TTL. */
  ttlMs?: number;
  /** Scopes event ids in the store. Default: the declaration's `name`, else the connector's. */
  namespace?: string;
  /** Handlers (and dedupe) shared with a poller; made with `createEventRouter`. Replaces `store`, `ttlMs` and `namespace`. */
  router?: EventRouter<EventsOf<D>>;
  /**
   * The clock deliveries' timestamps are judged against, in ms since the
   * epoch; inject a fixed one in tests. Passed to the verifier as each
   * delivery's `receivedAt`. Default: the verifier's own clock.
   */
  now?: () => number;
}

/** What {@link createWebhookReceiver} takes. */
export type WebhookReceiverOptions<D> = WebhookReceiverSettings<D> & ReceiverSecrets<D>;

/** What became of one event of a delivery: handled now, handled before, or queued for a worker (a durable inbox). */
export type DeliveryOutcome = EventOutcome | 'queued';

/** What became of one event of a delivery. */
export interface ReceivedEventSummary {
  id: string;
  type: string;
  outcome: DeliveryOutcome;
}

/** What a successful delivery did. */
export interface DeliveryResult {
  /** Each event of the delivery, in order. */
  events: ReceivedEventSummary[];
  /** What the verifier returned. */
  verified: unknown;
}

/** A verified delivery's events, not yet dispatched. */
export interface ReadDelivery {
  /** Each event of the delivery, in order, checked against the envelope. */
  events: IncomingEvent[];
  /** What the verifier returned. */
  verified: unknown;
}

/** Receives webhook deliveries: verify, parse, split, drop duplicates, dispatch to typed handlers. */
export interface WebhookReceiver<D extends AnyWebhooksDefinition = AnyWebhooksDefinition> extends EventHandlers<EventsOf<D>> {
  /** The namespace event ids are stored under. */
  readonly name: string;
  /**
   * Handles one delivery from its raw body and headers (plus method and full
   * URL for schemes that sign them). Resolves once every handler of every
   * event has succeeded: only then answer the provider with 2xx. Throws a
   * `WebhookVerificationError` (nothing ran), a `WebhookPayloadError`
   * (nothing ran) or an `EventHandlerError` (the failed events stay unhandled,
   * so a redelivery runs them).
   */
  receive(input: WebhookInput): Promise<DeliveryResult>;
  /**
   * Verifies a delivery and reads its events, each checked against the
   * envelope, without dispatching any: for a queue whose workers call
   * `dispatch` later. Throws what `receive` throws before a handler runs.
   */
  read(input: WebhookInput): Promise<ReadDelivery>;
  /**
   * Dispatches one already-parsed event without verification, through the
   * same schema check, dedupe and handlers. For tests of your handlers, and
   * for replaying events fetched from the provider's API.
   */
  dispatch(event: IncomingEvent): Promise<EventOutcome>;
}

/**
 * Builds a receiver from a connector's (or your own) webhooks declaration.
 * Secrets are given here, not in the declaration, since they belong to you.
 */
export function createWebhookReceiver<const T extends WebhookSource>(
  source: T,
  options: WebhookReceiverOptions<DefinitionOf<T>>,
): WebhookReceiver<DefinitionOf<T>> {
  const definition = definitionOf(source);
  const name = options.router?.namespace ?? options.namespace ?? definition.name ?? ('webhooks' in source ? source.name : undefined);
  if (!name) {
    throw new ConfigurationError(
      'This webhooks declaration has no name: give it `name`, or pass `namespace`, so event ids are stored apart from other providers.',
    );
  }
  const verifier = resolveVerifier(definition, options, name);
  const ttlMs = options.ttlMs ?? definition.redeliveryMs;
  const router = (options.router ??
    createEventRouter({
      events: definition.events,
      namespace: name,
      ...(options.store ? { store: options.store } : {}),
      ...(ttlMs === undefined ? {} : { ttlMs }),
    })) as EventRouter<EventsOf<DefinitionOf<T>>>;

  const dispatch = (event: IncomingEvent) => router.dispatch(event, 'webhook');
  // Verifies, then reads the events; synchronous when the verifier is (the presets are), so `receive` awaits nothing of its own.
  const readThen = <R>(input: WebhookInput, then: (events: IncomingEvent[], verified: unknown) => R | Promise<R>): R | Promise<R> => {
    // Refuses a parsed object with the "raw body required" error before anything else.
    const body = rawBodyBytes(input.body);
    const delivery = options.now === undefined || input.receivedAt !== undefined ? input : { ...input, receivedAt: options.now() };
    const checked = verifier.verify(delivery);
    const read = (verified: unknown) => then(readEvents(definition, body, deliveryContext(input.headers, verified)), verified);
    return isPromiseLike(checked) ? Promise.resolve(checked).then(read) : read(checked);
  };

  return {
    name,
    on: router.on,
    onAny: router.onAny,
    onUnknown: router.onUnknown,
    dispatch,
    // Not async: a sync verifier and a single event cost no await of their own. Every failure still comes back as a rejection.
    receive(input) {
      try {
        return Promise.resolve(readThen(input, (events, verified) => dispatchAll(dispatch, events, verified)));
      } catch (error) {
        return Promise.reject(error);
      }
    },
    read(input) {
      try {
        return Promise.resolve(readThen(input, (events, verified) => ({ events, verified })));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

/** Dispatches every event of a delivery; when any fails, one error names every failure once all have settled. */
function dispatchAll(
  dispatch: (event: IncomingEvent) => Promise<EventOutcome>,
  events: IncomingEvent[],
  verified: unknown,
): Promise<DeliveryResult> {
  if (events.length !== 1) return dispatchEach(dispatch, events, verified);
  // Most deliveries hold one event: one promise for it, no allSettled and its array of results.
  const event = events[0]!;
  return dispatch(event).then(
    (outcome) => ({ events: [{ id: event.id, type: event.type, outcome }], verified }),
    (error: unknown) => {
      throw handlerError(failuresOf(event, error), 1);
    },
  );
}

async function dispatchEach(
  dispatch: (event: IncomingEvent) => Promise<EventOutcome>,
  events: IncomingEvent[],
  verified: unknown,
): Promise<DeliveryResult> {
  const settled = await Promise.allSettled(events.map(dispatch));
  const failures: HandlerFailure[] = [];
  const summaries: ReceivedEventSummary[] = [];
  settled.forEach((result, index) => {
    const event = events[index]!;
    if (result.status === 'fulfilled') summaries.push({ id: event.id, type: event.type, outcome: result.value });
    else failures.push(...failuresOf(event, result.reason));
  });
  if (failures.length > 0) throw handlerError(failures, events.length);
  return { events: summaries, verified };
}

function failuresOf(event: IncomingEvent, error: unknown): HandlerFailure[] {
  return isEventHandlerError(error) ? error.failures : [{ id: event.id, type: event.type, error }];
}

function definitionOf(source: WebhookSource): AnyWebhooksDefinition {
  if ('verifier' in source && 'envelope' in source) return source;
  const found = 'webhooks' in source ? source.webhooks : undefined;
  if (!found) {
    throw new ConfigurationError(
      `Connector "${(source as { name?: string }).name}" declares no webhooks. Pass a webhooks declaration made with defineWebhooks() instead.`,
    );
  }
  return found;
}

function resolveVerifier(
  definition: AnyWebhooksDefinition,
  options: { verifier?: DeliveryVerifier; secrets?: unknown },
  name: string,
): DeliveryVerifier {
  if (options.verifier) return options.verifier;
  if (typeof definition.verifier !== 'function') return definition.verifier;
  if (options.secrets === undefined) {
    throw new ConfigurationError(
      `The "${name}" webhook receiver needs your signing secrets: pass \`secrets\` (as shown in the provider's dashboard) when creating it.`,
    );
  }
  return definition.verifier(options.secrets);
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
