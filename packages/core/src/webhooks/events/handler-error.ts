import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from '../../errors/junction-error.js';

/** One handler's failure on one event. */
export interface HandlerFailure {
  /** The event's id. */
  id: string;
  /** The event's type. */
  type: string;
  /** What the handler threw. */
  error: unknown;
}

/** Options for {@link EventHandlerError}. */
export interface EventHandlerErrorOptions extends JunctionErrorOptions {
  failures: HandlerFailure[];
  /** How many events the delivery or page held. */
  eventCount: number;
}

/**
 * One or more handlers threw. The events they failed on are not marked as
 * handled, so a redelivery (or the next poll) runs them again. The handlers'
 * own errors are on `failures`; a receiver never sends them to the provider.
 */
export class EventHandlerError extends JunctionError {
  readonly failures: HandlerFailure[];
  readonly eventCount: number;

  constructor(message: string, options: EventHandlerErrorOptions) {
    super(message, { ...options, cause: options.cause ?? options.failures[0]?.error });
    this.failures = options.failures;
    this.eventCount = options.eventCount;
    brand(this, 'EventHandlerError');
  }
}

/** True when `value` is an {@link EventHandlerError}. */
export function isEventHandlerError(value: unknown): value is EventHandlerError {
  return hasBrand(value, 'EventHandlerError');
}

/** One error for every handler failure of a delivery or page, with a message that names the events. */
export function handlerError(failures: HandlerFailure[], eventCount: number): EventHandlerError {
  const events = new Set(failures.map((f) => f.id));
  const shown = failures
    .slice(0, 3)
    .map((f) => `${f.type} ${f.id}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
    .join('; ');
  const more = failures.length > 3 ? `; and ${failures.length - 3} more` : '';
  return new EventHandlerError(
    `${failures.length === 1 ? 'A handler' : `${failures.length} handlers`} failed on ${events.size} of ${eventCount} event(s) (${shown}${more}). ` +
      'Those events were not marked as handled, so they run again when redelivered.',
    { failures, eventCount },
  );
}
