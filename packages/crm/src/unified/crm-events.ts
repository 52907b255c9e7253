import { z } from 'zod';
import { CRM_OBJECT_TYPES } from './crm-objects.js';

/** What happened to a record, in every provider's terms. */
export const CRM_EVENT_TYPES = [
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'company.created',
  'company.updated',
  'company.deleted',
  'deal.created',
  'deal.updated',
  'deal.stage_changed',
  'deal.deleted',
] as const;
/** A unified CRM event type. */
export type CrmEventType = (typeof CRM_EVENT_TYPES)[number];

/** A change to one record, from a webhook, an outbound message or a poll, with the provider's own event in `raw`. */
export const CrmEvent = z.object({
  /** The dedupe key: the provider's event id, or for polled changes `<type>:<id>:<modified ms>`. */
  id: z.string(),
  type: z.union([z.enum(CRM_EVENT_TYPES), z.literal('unknown')]),
  /** The provider's own type, e.g. HubSpot's `contact.propertyChange`. */
  providerType: z.string(),
  provider: z.string(),
  objectType: z.enum(CRM_OBJECT_TYPES).nullable(),
  objectId: z.string().nullable(),
  occurredAt: z.date(),
  /**
   * The properties the provider says changed, with their new values, by the
   * provider's names; `null` when it does not say (a poll sees the record,
   * not what changed).
   */
  changed: z.record(z.string(), z.unknown()).nullable(),
  raw: z.unknown(),
});
/** A unified CRM event. */
export type CrmEvent<Raw = unknown> = Omit<z.infer<typeof CrmEvent>, 'raw'> & { raw: Raw };

/** The schema of every unified type (each is a `CrmEvent`), for receivers and pollers. */
export type CrmEventSchemas = { [T in CrmEventType]: z.ZodType<CrmEvent> };

/** Every unified type's schema, for `defineWebhooks` and `definePoll`. */
export const CRM_EVENT_SCHEMAS = Object.fromEntries(CRM_EVENT_TYPES.map((type) => [type, CrmEvent])) as unknown as CrmEventSchemas;

/** The type a receiver dispatches an event on: its unified type, or the provider's own for `unknown`. */
export function crmDispatchType(event: { type: string; providerType: string }): string {
  return event.type === 'unknown' ? event.providerType : event.type;
}
