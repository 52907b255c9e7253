import { defineWebhooks } from '@junction/core';
import { z } from 'zod';
import { type SendgridVerifierOptions, sendgridVerifier } from './sendgrid-signature.js';

/** The event types of SendGrid's Event Webhook with typed payloads; others still arrive, as unknown events. */
export const SENDGRID_EVENT_TYPES = [
  'processed',
  'delivered',
  'deferred',
  'bounce',
  'dropped',
  'open',
  'click',
  'spamreport',
  'unsubscribe',
  'group_unsubscribe',
] as const;
/** A SendGrid event type with a typed payload. */
export type SendgridEventType = (typeof SENDGRID_EVENT_TYPES)[number];

/** What every SendGrid event has: enough to dedupe (`sg_event_id`) and dispatch (`event`). */
export const SendgridEventEnvelope = z.object({ sg_event_id: z.string(), event: z.string() });

/**
 * The fields every event carries. Your `custom_args` arrive as further
 * top-level keys, kept as they are (read them with `customArgsOf`).
 */
const base = {
  sg_event_id: z.string(),
  /** `<X-Message-Id>.filter…`: the part before the first `.` is the send's message id. */
  sg_message_id: z.string().optional(),
  email: z.string(),
  /** Unix seconds. */
  timestamp: z.number(),
  'smtp-id': z.string().optional(),
  category: z.union([z.string(), z.array(z.string())]).optional(),
  asm_group_id: z.number().optional(),
};

function eventSchema<const T extends SendgridEventType, S extends z.ZodRawShape>(type: T, extra: S) {
  return z.looseObject({ ...base, event: z.literal(type), ...extra });
}

/** The schema of each typed SendGrid event, by `event`. */
export const SENDGRID_EVENT_SCHEMAS = {
  processed: eventSchema('processed', { pool: z.unknown().optional() }),
  delivered: eventSchema('delivered', { response: z.string().optional(), ip: z.string().optional(), tls: z.number().optional() }),
  deferred: eventSchema('deferred', { response: z.string().optional(), attempt: z.string().optional() }),
  bounce: eventSchema('bounce', {
    /** `bounce` (hard) or `blocked` (soft, temporary). */
    type: z.string().optional(),
    bounce_classification: z.string().optional(),
    reason: z.string().optional(),
    status: z.string().optional(),
  }),
  dropped: eventSchema('dropped', { reason: z.string().optional() }),
  open: eventSchema('open', { useragent: z.string().optional(), ip: z.string().optional(), sg_machine_open: z.boolean().optional() }),
  click: eventSchema('click', { url: z.string(), useragent: z.string().optional(), ip: z.string().optional() }),
  spamreport: eventSchema('spamreport', {}),
  unsubscribe: eventSchema('unsubscribe', {}),
  group_unsubscribe: eventSchema('group_unsubscribe', { asm_group_id: z.number().optional() }),
};

/** A typed SendGrid event, by type: a `switch (event.event)` narrows it. */
export type SendgridEvent = { [K in SendgridEventType]: z.output<(typeof SENDGRID_EVENT_SCHEMAS)[K]> }[SendgridEventType];

/** The fields of an event that are SendGrid's own (the rest are your `custom_args`). */
const OWN_FIELDS = new Set([
  ...Object.keys(base),
  'event',
  'type',
  'reason',
  'status',
  'response',
  'attempt',
  'url',
  'url_offset',
  'useragent',
  'ip',
  'tls',
  'pool',
  'cert_err',
  'bounce_classification',
  'sg_machine_open',
  'marketing_campaign_id',
  'marketing_campaign_name',
  'sg_template_id',
  'sg_template_name',
  'sg_content_type',
]);

/** Your `custom_args` as an event carries them: its top-level keys that are not SendGrid's own fields. */
export function customArgsOf(event: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (!OWN_FIELDS.has(key) && typeof value === 'string') out[key] = value;
  }
  return out;
}

/** The send's message id (`X-Message-Id`) from an event's `sg_message_id`: the part before the first `.`. */
export function messageIdOf(sgMessageId: string | undefined): string | undefined {
  if (!sgMessageId) return undefined;
  return sgMessageId.split('.')[0];
}

/**
 * How SendGrid's Signed Event Webhook is verified and read: ECDSA P-256 over
 * `timestamp + rawBody` (the public key given when the receiver is created),
 * a JSON array of events split by the receiver, each deduped on its
 * `sg_event_id` (SendGrid redelivers often) and dispatched on its `event`.
 */
export const sendgridWebhooks = defineWebhooks({
  name: 'sendgrid',
  verifier: (keys: SendgridVerifierOptions) => sendgridVerifier(keys),
  envelope: SendgridEventEnvelope,
  batch: true,
  id: (event) => event.sg_event_id,
  type: (event) => event.event,
  events: SENDGRID_EVENT_SCHEMAS,
  // SendGrid retries a POST for up to 24 hours after the event.
  redeliveryMs: 24 * 60 * 60 * 1000,
});
