import { EventEmitter } from 'eventemitter3';
import { ConfigurationError } from '../../errors/configuration-error.js';
import type { IdempotencyStore } from '../../idempotency/idempotency-store.js';
import { createMemoryIdempotencyStore } from '../../idempotency/memory-idempotency-store.js';
import { classifyEvent } from './classify-event.js';
import type {
  AnyEvent,
  EventHandler,
  EventMap,
  EventOutcome,
  EventSchemas,
  EventSource,
  IncomingEvent,
  KnownEvent,
  UnknownEvent,
} from './event-types.js';
import { type HandlerFailure, handlerError } from './handler-error.js';

/** Options for {@link createEventRouter}. */
export interface EventRouterOptions<S extends EventSchemas> {
  /** The schema of each declared event type. */
  events: S;
  /**
   * Scopes event ids in the store, e.g. the connector's name. A receiver and
   * a poller of the same provider share it, so an event that arrives both
   * ways is handled once.
   */
  namespace: string;
  /** Where handled event ids are remembered. Default: in this process's memory. Use a shared store for several processes. */
  store?: IdempotencyStore;
  /** How long a handled id is remembered. Default: the store's (24 h in memory); match the provider's redelivery window (a webhooks declaration's `redeliveryMs`). */
  ttlMs?: number;
}

/** Registers typed handlers. Shared by receivers and pollers. */
export interface EventHandlers<S extends EventSchemas> {
  /** Handles events of one declared type, with the payload typed by its schema. Returns a function that removes the handler. */
  on<K extends keyof S & string>(type: K, handler: EventHandler<EventMap<S>[K]>): () => void;
  /** Handles every event, known or not. Returns a function that removes the handler. */
  onAny(handler: EventHandler<AnyEvent<S>>): () => void;
  /** Handles events of undeclared types, or whose payload failed its schema. Returns a function that removes the handler. */
  onUnknown(handler: EventHandler<UnknownEvent>): () => void;
}

/** Typed handlers plus the exactly-once dispatch every event goes through. */
export interface EventRouter<S extends EventSchemas> extends EventHandlers<S> {
  /** The namespace event ids are stored under. */
  readonly namespace: string;
  /**
   * Hands one event to its handlers, unless it was handled before. Resolves
   * once every handler has; throws an `EventHandlerError` when one fails, and
   * then the event is not marked as handled. A concurrent duplicate waits for
   * the first run and shares its outcome.
   */
  dispatch(event: IncomingEvent, source?: EventSource): Promise<EventOutcome>;
}

const ANY = Symbol('any');
const UNKNOWN = Symbol('unknown');

type Listener = (event: KnownEvent | UnknownEvent) => void | Promise<void>;

/**
 * Makes the handler registry and dispatcher behind a receiver or poller.
 * Create one yourself and pass it as `router` to share handlers (and
 * dedupe) between a receiver and a poller.
 */
export function createEventRouter<S extends EventSchemas>(options: EventRouterOptions<S>): EventRouter<S> {
  if (!options.namespace) throw new ConfigurationError('An event router needs a namespace (e.g. the provider name) to scope event ids.');
  const store = options.store ?? createMemoryIdempotencyStore();
  const onceOptions = options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs };
  const keyPrefix = `event:${options.namespace}:`;
  // eventemitter3 keeps the listeners; dispatch calls them itself so it can await each one.
  const emitter = new EventEmitter();
  const add = (name: string | symbol, handler: Listener) => {
    emitter.on(name, handler);
    return () => {
      emitter.off(name, handler);
    };
  };

  // Resolves to true, what the store keeps: stored outcomes must survive JSON
  // (shared stores), and the fact of success is all we need.
  const run = (event: KnownEvent | UnknownEvent): Promise<true> => {
    const typed = emitter.listeners(event.known ? event.type : UNKNOWN) as Listener[];
    const any = emitter.listeners(ANY) as Listener[];
    // The usual case, one handler: awaited as is, without allSettled's array of results.
    if (typed.length + any.length === 1) {
      return Promise.resolve(invoke(typed[0] ?? any[0]!, event)).then(
        () => true as const,
        (error: unknown) => {
          throw handlerError([{ id: event.id, type: event.type, error }], 1);
        },
      );
    }
    return runAll([...typed, ...any], event);
  };
  const runAll = async (listeners: Listener[], event: KnownEvent | UnknownEvent): Promise<true> => {
    // Every handler gets its chance even when another fails; the event then fails as a whole.
    const results = await Promise.allSettled(listeners.map((listener) => invoke(listener, event)));
    const failures: HandlerFailure[] = [];
    for (const result of results) {
      if (result.status === 'rejected') failures.push({ id: event.id, type: event.type, error: result.reason });
    }
    if (failures.length > 0) throw handlerError(failures, 1);
    return true;
  };

  return {
    namespace: options.namespace,
    on: (type, handler) => add(type, handler as Listener),
    onAny: (handler) => add(ANY, handler as Listener),
    onUnknown: (handler) => add(UNKNOWN, handler as Listener),
    // Not async, to spare a promise per event; a synchronous throw still comes back as a rejection.
    dispatch(incoming, source = 'webhook') {
      let ran = false;
      try {
        const event = classifyEvent(options.events, incoming, source);
        const handle = () => {
          ran = true;
          return run(event);
        };
        return store.once(keyPrefix + incoming.id, handle, onceOptions).then(() => (ran ? 'handled' : 'duplicate'));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  };
}

// Calls a handler directly rather than a microtask later; a synchronous throw
// becomes a rejection, so it counts as that handler's failure alone.
function invoke(listener: Listener, event: KnownEvent | UnknownEvent): void | Promise<void> {
  try {
    return listener(event);
  } catch (error) {
    return Promise.reject(error);
  }
}
