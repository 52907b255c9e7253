import { toIssues } from '../../schema/issues.js';
import { lenient } from '../../schema/lenient.js';
import type { EventSchemas, EventSource, IncomingEvent, KnownEvent, UnknownEvent } from './event-types.js';

/**
 * Checks an event against its type's schema. A declared type whose payload
 * does not match becomes an unknown event carrying the issues, rather than an
 * error: a provider adding a field or enum value must not stop delivery.
 */
export function classifyEvent(schemas: EventSchemas, event: IncomingEvent, source: EventSource): KnownEvent | UnknownEvent {
  const base = { id: event.id, type: event.type, source };
  // Own keys only: an event typed "constructor" must not find Object.prototype's.
  const schema = Object.hasOwn(schemas, event.type) ? schemas[event.type] : undefined;
  if (!schema) return { ...base, known: false, payload: event.payload };
  const result = lenient(schema).safeParse(event.payload);
  if (result.success) return { ...base, known: true, payload: result.data };
  return { ...base, known: false, payload: event.payload, issues: toIssues(result.error) };
}
