import { z } from 'zod';

/** What happened to a message, in every provider's terms. */
export const EMAIL_EVENT_TYPES = [
  'email.sent',
  'email.delivered',
  'email.deferred',
  'email.bounced',
  'email.dropped',
  'email.opened',
  'email.clicked',
  'email.complained',
  'email.unsubscribed',
] as const;
/** A unified email event type. */
export type EmailEventType = (typeof EMAIL_EVENT_TYPES)[number];

/** A delivery event of one message to one recipient, with the provider's own event in `raw`. */
export const EmailEvent = z.object({
  /** The provider's event id: the dedupe key. */
  id: z.string(),
  type: z.union([z.enum(EMAIL_EVENT_TYPES), z.literal('unknown')]),
  /** The provider's type, e.g. SendGrid's `spamreport`. */
  providerType: z.string(),
  provider: z.string(),
  /** The id `send` returned (for SendGrid, the prefix of `sg_message_id` it shares). */
  messageId: z.string().nullable(),
  recipient: z.string().nullable(),
  occurredAt: z.date(),
  /** The `metadata` given to `send`. */
  metadata: z.record(z.string(), z.string()),
  /** For `email.bounced`: a hard bounce will not succeed later; a soft one might. */
  bounce: z.object({ kind: z.enum(['hard', 'soft']), reason: z.string().nullable() }).nullable(),
  /** For `email.clicked`: the link. */
  url: z.string().nullable(),
  raw: z.unknown(),
});
/** A unified email event. */
export type EmailEvent<Raw = unknown> = Omit<z.infer<typeof EmailEvent>, 'raw'> & { raw: Raw };
