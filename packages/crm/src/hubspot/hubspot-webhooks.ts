import { defineWebhooks } from '@junction/core';
import { z } from 'zod';
import { type HubSpotV3VerifierOptions, hubspotV3 } from './hubspot-signature.js';

/** The CRM objects whose events are typed here. */
export const HUBSPOT_WEBHOOK_OBJECTS = ['contact', 'company', 'deal'] as const;

/** What every HubSpot webhook event has: enough to dedupe (`eventId`) and dispatch (`subscriptionType`). */
export const HubspotEventEnvelope = z.object({ eventId: z.number(), subscriptionType: z.string() });

// Fields of every v3 event (HubSpot's webhooks API guide: "Webhook payloads").
const base = {
  eventId: z.number(),
  subscriptionId: z.number().optional(),
  portalId: z.number().optional(),
  appId: z.number().optional(),
  /** When the change happened, ms since the epoch. */
  occurredAt: z.number().optional(),
  /** 0 on the first delivery; HubSpot retries up to 10 times. */
  attemptNumber: z.number().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
};

const objectEvent = { ...base, objectId: z.number() };

function eventsFor<const O extends (typeof HUBSPOT_WEBHOOK_OBJECTS)[number]>(object: O) {
  return {
    [`${object}.creation`]: z.looseObject({ ...objectEvent, subscriptionType: z.literal(`${object}.creation`) }),
    [`${object}.deletion`]: z.looseObject({ ...objectEvent, subscriptionType: z.literal(`${object}.deletion`) }),
    [`${object}.restore`]: z.looseObject({ ...objectEvent, subscriptionType: z.literal(`${object}.restore`) }),
    [`${object}.privacyDeletion`]: z.looseObject({ ...objectEvent, subscriptionType: z.literal(`${object}.privacyDeletion`) }),
    [`${object}.propertyChange`]: z.looseObject({
      ...objectEvent,
      subscriptionType: z.literal(`${object}.propertyChange`),
      propertyName: z.string(),
      propertyValue: z.string().nullable().optional(),
    }),
    [`${object}.associationChange`]: z.looseObject({
      ...base,
      subscriptionType: z.literal(`${object}.associationChange`),
      /** e.g. `CONTACT_TO_COMPANY`. */
      associationType: z.string().optional(),
      fromObjectId: z.number(),
      toObjectId: z.number(),
      associationRemoved: z.boolean().optional(),
      isPrimaryAssociation: z.boolean().optional(),
    }),
    [`${object}.merge`]: z.looseObject({
      ...objectEvent,
      subscriptionType: z.literal(`${object}.merge`),
      primaryObjectId: z.number().optional(),
      mergedObjectIds: z.array(z.number()).optional(),
      newObjectId: z.number().optional(),
      numberOfPropertiesMoved: z.number().optional(),
    }),
  } as HubspotObjectEventSchemas<O>;
}

type ObjectEventShape<O extends string, K extends string, S extends z.ZodRawShape> = z.ZodObject<
  S & { subscriptionType: z.ZodLiteral<`${O}.${K}`> },
  z.core.$loose
>;

/** The schemas of one object's events, keyed by subscription type. */
export type HubspotObjectEventSchemas<O extends string> = {
  [K in 'creation' | 'deletion' | 'restore' | 'privacyDeletion' as `${O}.${K}`]: ObjectEventShape<O, K, typeof objectEvent>;
} & {
  [K in 'propertyChange' as `${O}.${K}`]: ObjectEventShape<
    O,
    K,
    typeof objectEvent & { propertyName: z.ZodString; propertyValue: z.ZodOptional<z.ZodNullable<z.ZodString>> }
  >;
} & {
  [K in 'associationChange' as `${O}.${K}`]: ObjectEventShape<
    O,
    K,
    typeof base & {
      associationType: z.ZodOptional<z.ZodString>;
      fromObjectId: z.ZodNumber;
      toObjectId: z.ZodNumber;
      associationRemoved: z.ZodOptional<z.ZodBoolean>;
      isPrimaryAssociation: z.ZodOptional<z.ZodBoolean>;
    }
  >;
} & {
  [K in 'merge' as `${O}.${K}`]: ObjectEventShape<
    O,
    K,
    typeof objectEvent & {
      primaryObjectId: z.ZodOptional<z.ZodNumber>;
      mergedObjectIds: z.ZodOptional<z.ZodArray<z.ZodNumber>>;
      newObjectId: z.ZodOptional<z.ZodNumber>;
      numberOfPropertiesMoved: z.ZodOptional<z.ZodNumber>;
    }
  >;
};

/** The schema of each typed HubSpot event (contact, company, deal × creation, deletion, propertyChange, …), by `subscriptionType`. */
export const HUBSPOT_EVENT_SCHEMAS = { ...eventsFor('contact'), ...eventsFor('company'), ...eventsFor('deal') };

/** A typed HubSpot event type. */
export type HubspotEventType = keyof typeof HUBSPOT_EVENT_SCHEMAS;

/** A typed HubSpot event: a `switch (event.subscriptionType)` narrows it. */
export type HubspotEvent = { [K in HubspotEventType]: z.output<(typeof HUBSPOT_EVENT_SCHEMAS)[K]> }[HubspotEventType];

/**
 * How HubSpot webhooks are verified and read: the v3 signature (the app's
 * client secret, given when the receiver is created; pass `method` and the
 * absolute `url` with each delivery), a JSON array of up to 100 events split
 * by the receiver, each deduped on its `eventId` (HubSpot retries, and
 * delivers out of order) and dispatched on its `subscriptionType`.
 */
export const hubspotWebhooks = defineWebhooks({
  name: 'hubspot',
  verifier: (secrets: HubSpotV3VerifierOptions) => hubspotV3(secrets),
  envelope: HubspotEventEnvelope,
  batch: true,
  id: (event) => event.eventId,
  type: (event) => event.subscriptionType,
  events: HUBSPOT_EVENT_SCHEMAS,
  // HubSpot retries a failed notification up to 10 times, spread over 24 hours.
  redeliveryMs: 24 * 60 * 60 * 1000,
});
