import { describeIssues, toIssues } from '../../schema/issues.js';
import { parseLenient } from '../../schema/parse-lenient.js';
import type { AnyWebhooksDefinition } from '../define-webhooks.js';
import type { IncomingEvent } from '../events/event-types.js';
import type { DeliveryContext } from './delivery-context.js';
import { WebhookPayloadError } from './payload-error.js';

const decoder = new TextDecoder();

/**
 * Parses a verified body and splits it into events, each with its id and
 * type. Every event is checked before any is dispatched, so a malformed
 * delivery runs no handler at all.
 */
export function readEvents(definition: AnyWebhooksDefinition, body: Uint8Array, delivery: DeliveryContext): IncomingEvent[] {
  const text = decoder.decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WebhookPayloadError(`The webhook body is not valid JSON (${(error as Error).message}).`, {
      reason: 'invalid_json',
      cause: error,
    });
  }
  const items = split(definition, parsed, delivery);
  return items.map((item, index) => {
    const where = items.length > 1 || definition.batch ? ` (event #${index + 1} of the batch)` : '';
    const result = parseLenient(definition.envelope, item);
    if (!result.success) {
      const issues = toIssues(result.error);
      throw new WebhookPayloadError(`The webhook event${where} does not have the expected shape: ${describeIssues(issues)}.`, {
        reason: 'invalid_envelope',
        issues,
      });
    }
    const id = definition.id(result.data, delivery);
    if ((typeof id !== 'string' && typeof id !== 'number') || id === '') {
      throw new WebhookPayloadError(`The webhook event${where} has no id, so duplicates could not be dropped; no handler ran.`, {
        reason: 'missing_event_id',
      });
    }
    const type = definition.type(result.data, delivery);
    if (typeof type !== 'string' || type === '') {
      throw new WebhookPayloadError(`The webhook event${where} has no type; no handler ran.`, { reason: 'missing_event_type' });
    }
    return { id: String(id), type, payload: item };
  });
}

function split(definition: AnyWebhooksDefinition, body: unknown, delivery: DeliveryContext): readonly unknown[] {
  if (definition.split) return definition.split(body, delivery);
  if (!definition.batch) return [body];
  if (Array.isArray(body)) return body;
  throw new WebhookPayloadError('The webhook body should be a JSON array of events, but is not.', {
    reason: 'invalid_envelope',
    issues: [{ path: [], message: `expected an array, received ${body === null ? 'null' : typeof body}` }],
  });
}
