import type { z } from 'zod';
import type { ValidationIssue } from '../../errors/validation-error.js';

/** The zod schema of each declared event type, keyed by type (e.g. `'payment_intent.succeeded'`). */
export type EventSchemas = Record<string, z.ZodType>;

/** Where an event came from: a webhook delivery or a poll of the provider's event list. */
export type EventSource = 'webhook' | 'poll';

/** An event of a declared type whose payload matched that type's schema. */
export interface KnownEvent<TType extends string = string, TPayload = unknown> {
  readonly known: true;
  /** The provider's event id; duplicates are dropped by it. */
  readonly id: string;
  readonly type: TType;
  /** The event, parsed by its type's schema (unknown keys kept). */
  readonly payload: TPayload;
  readonly source: EventSource;
}

/**
 * An event of a type nobody declared, or of a declared type whose payload its
 * schema rejected (then `issues` says why). Providers add event types and
 * fields all the time; these still arrive, so nothing is dropped silently.
 */
export interface UnknownEvent {
  readonly known: false;
  readonly id: string;
  readonly type: string;
  /** The event as received. */
  readonly payload: unknown;
  readonly source: EventSource;
  /** Why the declared schema rejected the payload; absent for undeclared types. */
  readonly issues?: ValidationIssue[];
}

/** Each declared type's event, by type. */
export type EventMap<S extends EventSchemas> = { [K in keyof S & string]: KnownEvent<K, z.output<S[K]>> };

/** Any event a handler registered with `onAny` may see. Narrow with `known` and `type`. */
export type AnyEvent<S extends EventSchemas> = EventMap<S>[keyof S & string] | UnknownEvent;

/** A handler; when it returns a promise, the event counts as handled once it resolves. */
export type EventHandler<E> = (event: E) => void | Promise<void>;

/** One event as read from a delivery or a poll, before its type is checked. */
export interface IncomingEvent {
  id: string;
  type: string;
  /** The event as received. */
  payload: unknown;
}

/** What became of one event: its handlers ran and succeeded, or it had been handled before. */
export type EventOutcome = 'handled' | 'duplicate';
