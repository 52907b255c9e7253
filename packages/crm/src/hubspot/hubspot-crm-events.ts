import { defineWebhooks, WebhookPayloadError } from '@junction/core';
import { z } from 'zod';
import { CRM_EVENT_SCHEMAS, type CrmEvent, type CrmEventType, crmDispatchType } from '../unified/crm-events.js';
import { CRM_OBJECT_TYPES, type CrmObjectType } from '../unified/crm-objects.js';
import { HUBSPOT, HUBSPOT_FIELDS } from './hubspot-crm-mapping.js';
import { type HubSpotV3VerifierOptions, hubspotV3 } from './hubspot-signature.js';
import { hubspotWebhooks } from './hubspot-webhooks.js';

const ACTIONS: Record<string, 'created' | 'updated' | 'deleted'> = {
  creation: 'created',
  propertyChange: 'updated',
  deletion: 'deleted',
  privacyDeletion: 'deleted',
  restore: 'created',
};

const HubspotEventItem = z.looseObject({
  eventId: z.union([z.number(), z.string()]),
  subscriptionType: z.string(),
  objectId: z.union([z.number(), z.string()]).optional(),
  occurredAt: z.number().optional(),
  propertyName: z.string().optional(),
  propertyValue: z.string().nullable().optional(),
});

/**
 * HubSpot webhook events (a delivery's array, or one event) as unified
 * events: `contact.creation` is `contact.created`, `propertyChange` is
 * `updated` with the property and its new value in `changed` (a deal's
 * `dealstage` change is `deal.stage_changed`), `deletion` is `deleted`;
 * other subscriptions (associations, merges) are `unknown`.
 */
export function normalizeHubspotEvents(payload: unknown): CrmEvent[] {
  const list = Array.isArray(payload) ? payload : [payload];
  return list.flatMap((item): CrmEvent[] => {
    const parsed = HubspotEventItem.safeParse(item);
    if (!parsed.success) return [];
    const event = parsed.data;
    const [object, action] = event.subscriptionType.split('.') as [string, string | undefined];
    const objectType = (CRM_OBJECT_TYPES as readonly string[]).includes(object) ? (object as CrmObjectType) : null;
    const kind = action === undefined ? undefined : ACTIONS[action];
    const stage = objectType === 'deal' && kind === 'updated' && event.propertyName === HUBSPOT_FIELDS.deal.stageId;
    const type: CrmEventType | 'unknown' = objectType && kind ? (stage ? 'deal.stage_changed' : `${objectType}.${kind}`) : 'unknown';
    return [
      {
        id: String(event.eventId),
        type,
        providerType: event.subscriptionType,
        provider: HUBSPOT,
        objectType,
        objectId: event.objectId === undefined ? null : String(event.objectId),
        occurredAt: new Date(event.occurredAt ?? 0),
        changed: event.propertyName === undefined ? null : { [event.propertyName]: event.propertyValue ?? null },
        raw: item,
      },
    ];
  });
}

/**
 * HubSpot webhooks as unified CRM events: `receiver.on('deal.stage_changed', …)`
 * with a `CrmEvent` payload whose `raw` is HubSpot's event. Same v3
 * verification as `hubspotWebhooks` and dedupe on `eventId`, under its own
 * namespace (`hubspot:crm`).
 */
export const hubspotCrmWebhooks = defineWebhooks({
  name: 'hubspot:crm',
  verifier: (secrets: HubSpotV3VerifierOptions) => hubspotV3(secrets),
  split: (body) => {
    if (!Array.isArray(body)) {
      throw new WebhookPayloadError('The HubSpot webhook body should be a JSON array of events, but is not.', {
        reason: 'invalid_envelope',
      });
    }
    const events = normalizeHubspotEvents(body);
    if (events.length !== body.length) {
      throw new WebhookPayloadError('A HubSpot webhook event has no eventId or subscriptionType; no handler ran.', {
        reason: 'invalid_envelope',
      });
    }
    return events;
  },
  envelope: z.object({ id: z.string(), type: z.string(), providerType: z.string() }),
  id: (event) => event.id,
  type: (event) => crmDispatchType(event),
  events: CRM_EVENT_SCHEMAS,
  redeliveryMs: hubspotWebhooks.redeliveryMs,
});
