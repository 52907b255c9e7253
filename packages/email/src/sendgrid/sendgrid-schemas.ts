import { z } from 'zod';

// The request and response schemas of the operations, with the field names and
// required lists of Twilio SendGrid's OpenAPI specs (tsg_mail_v3.json for
// /v3/mail/send, tsg_suppressions_v3.json), limits as the specs give them.

/** SendGrid's most personalizations, recipients per list, and reply-to addresses per message (tsg_mail_v3.json). */
export const SENDGRID_MAX_PERSONALIZATIONS = 1000;
/** SendGrid's most categories per message (tsg_mail_v3.json `categories.maxItems`). */
export const SENDGRID_MAX_CATEGORIES = 10;

/** An address: `{ email, name? }`. */
export const SendgridAddress = z.object({ email: z.string(), name: z.string().optional() });
/** An address: `{ email, name? }`. */
export type SendgridAddress = z.infer<typeof SendgridAddress>;

const addresses = z.array(SendgridAddress).max(SENDGRID_MAX_PERSONALIZATIONS);
const stringRecord = z.record(z.string(), z.string());

/** One personalization: its recipients and what differs for them. */
export const SendgridPersonalization = z.object({
  from: SendgridAddress.optional(),
  to: addresses,
  cc: addresses.optional(),
  bcc: addresses.optional(),
  subject: z.string().min(1).optional(),
  headers: stringRecord.optional(),
  substitutions: stringRecord.optional(),
  dynamic_template_data: z.record(z.string(), z.unknown()).optional(),
  custom_args: stringRecord.optional(),
  send_at: z.number().int().optional(),
});
/** One personalization. */
export type SendgridPersonalization = z.infer<typeof SendgridPersonalization>;

/** A body part: `{ type: 'text/plain' | 'text/html' | …, value }`. */
export const SendgridContent = z.object({ type: z.string().min(1), value: z.string().min(1) });

/** An attachment: base64 `content`, `filename`, and for inline images `disposition: 'inline'` with a `content_id`. */
export const SendgridAttachment = z.object({
  content: z.string().min(1),
  type: z.string().min(1).optional(),
  filename: z.string(),
  disposition: z.enum(['inline', 'attachment']).optional(),
  content_id: z.string().optional(),
});

const toggle = z.object({ enable: z.boolean().optional() });

/**
 * The body of `POST /v3/mail/send`. Only `personalizations` and `from` are
 * required by the schema; SendGrid itself checks the rest (a subject unless a
 * template gives one, content unless `template_id`). `custom_args` is an
 * object of strings, as SendGrid's docs and libraries send it (the spec says string).
 */
export const SendMailInput = z.object({
  personalizations: z.array(SendgridPersonalization).max(SENDGRID_MAX_PERSONALIZATIONS),
  from: SendgridAddress,
  reply_to: SendgridAddress.optional(),
  reply_to_list: addresses.optional(),
  subject: z.string().min(1).optional(),
  content: z.array(SendgridContent).optional(),
  attachments: z.array(SendgridAttachment).optional(),
  template_id: z.string().optional(),
  headers: stringRecord.optional(),
  categories: z.array(z.string()).max(SENDGRID_MAX_CATEGORIES).optional(),
  custom_args: stringRecord.optional(),
  send_at: z.number().int().optional(),
  batch_id: z.string().optional(),
  asm: z.object({ group_id: z.number().int(), groups_to_display: z.array(z.number().int()).max(25).optional() }).optional(),
  ip_pool_name: z.string().min(2).max(64).optional(),
  mail_settings: z.record(z.string(), z.unknown()).optional(),
  tracking_settings: z
    .object({ click_tracking: toggle.optional(), open_tracking: toggle.optional(), subscription_tracking: toggle.optional() })
    .optional(),
});
/** The body of `POST /v3/mail/send`. */
export type SendMailInput = z.input<typeof SendMailInput>;

/** What a send resolves to: the `X-Message-Id` header of the 202 answer. */
export const SendMailOutput = z.object({ messageId: z.string().optional() });
/** What a send resolves to. */
export type SendMailOutput = z.infer<typeof SendMailOutput>;

/** A bounce: when (unix seconds), the address, SendGrid's reason and the SMTP status. */
export const SendgridBounce = z.object({
  created: z.number(),
  email: z.string(),
  reason: z.string().optional(),
  status: z.string().optional(),
});
/** A bounce. */
export type SendgridBounce = z.infer<typeof SendgridBounce>;

/** A spam report: when (unix seconds), the address and the sending IP. */
export const SendgridSpamReport = z.object({ created: z.number(), email: z.string(), ip: z.string() });
/** A spam report. */
export type SendgridSpamReport = z.infer<typeof SendgridSpamReport>;

/** A global unsubscribe: when (unix seconds) and the address. */
export const SendgridUnsubscribe = z.object({ created: z.number(), email: z.string() });
/** A global unsubscribe. */
export type SendgridUnsubscribe = z.infer<typeof SendgridUnsubscribe>;

/** The list filters of the suppression lists: a time window (unix seconds), paging, one address. */
export const SuppressionListInput = z.object({
  start_time: z.number().int().optional(),
  end_time: z.number().int().optional(),
  limit: z.number().int().optional(),
  offset: z.number().int().optional(),
  email: z.string().optional(),
});

/** An address as a path parameter. */
export const EmailParam = z.object({ email: z.string() });
