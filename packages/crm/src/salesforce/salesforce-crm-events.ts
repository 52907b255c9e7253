import type { CrmEvent } from '../unified/crm-events.js';
import type { CrmObjectType } from '../unified/crm-objects.js';
import { SALESFORCE, SALESFORCE_OBJECTS } from './salesforce-crm-mapping.js';
import { OutboundEventPayload } from './salesforce-outbound-receiver.js';
import { salesforceTime } from './salesforce-poll.js';

const TYPES = new Map<string, CrmObjectType>(Object.entries(SALESFORCE_OBJECTS).map(([type, sobject]) => [sobject, type as CrmObjectType]));

/**
 * Outbound message notifications (the payloads `createOutboundMessageReceiver`
 * dispatches, one or a list) as unified events. A notification carries the
 * record's fields, not what changed: it is `created` when its `CreatedDate`
 * equals its `LastModifiedDate` (send both fields in the outbound message),
 * else `updated`; `changed` is null. Salesforce sends no outbound message
 * for a deletion: the change feed (`sync.changes`) reports those.
 */
export function normalizeOutboundEvents(payload: unknown): CrmEvent[] {
  const list = Array.isArray(payload) ? payload : [payload];
  return list.flatMap((item): CrmEvent[] => {
    const parsed = OutboundEventPayload.safeParse(item);
    if (!parsed.success) return [];
    const { notificationId, sobject, record } = parsed.data;
    const objectType = TYPES.get(sobject) ?? null;
    const created = record.CreatedDate != null && record.CreatedDate === record.LastModifiedDate;
    const stamp = record.SystemModstamp ?? record.LastModifiedDate;
    return [
      {
        id: notificationId,
        type: objectType ? `${objectType}.${created ? 'created' : 'updated'}` : 'unknown',
        providerType: `outbound.${sobject}`,
        provider: SALESFORCE,
        objectType,
        objectId: record.Id ?? null,
        occurredAt: typeof stamp === 'string' ? salesforceTime(stamp) : new Date(0),
        changed: null,
        raw: item,
      },
    ];
  });
}
