import { parseInput } from '@junction/core/utils';
import { z } from 'zod';
import { Mailbox, Mailboxes, type MailboxInput } from './address.js';

const Base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A file sent with the message: bytes, or their base64; `contentId` makes it inline (`cid:` in the HTML). */
export const Attachment = z.object({
  filename: z.string().min(1),
  content: z.union([z.instanceof(Uint8Array), z.string().regex(Base64, { message: 'is not base64: give the bytes or their base64' })]),
  /** The MIME type. Default: the provider's guess from the file name. */
  contentType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, { message: 'is not a MIME type such as application/pdf' })
    .optional(),
  /** Shown in the body where the HTML says `cid:<contentId>`, instead of as an attachment. */
  contentId: z.string().min(1).optional(),
});
/** A file sent with the message. */
export type Attachment = z.input<typeof Attachment>;

/** A template kept at the provider, filled with `data`. */
export const TemplateRef = z.object({ id: z.string().min(1), data: z.record(z.string(), z.unknown()).optional() });

/**
 * One email. At least one of `text`, `html` or `template` is required, and a
 * subject unless the template sets it. Everything is checked before a
 * request is sent: a bad address or a missing body names the field.
 */
export const EmailMessage = z
  .object({
    from: Mailbox,
    to: Mailboxes.refine((list) => list.length > 0, { message: 'needs at least one recipient' }),
    cc: Mailboxes.optional(),
    bcc: Mailboxes.optional(),
    replyTo: Mailboxes.optional(),
    subject: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    html: z.string().min(1).optional(),
    template: TemplateRef.optional(),
    attachments: z.array(Attachment).optional(),
    /** Labels for grouping in the provider's reports (SendGrid categories, Resend tags). */
    tags: z.array(z.string().regex(/^[\w-]{1,100}$/, { message: 'may hold only letters, digits, _ and - (up to 100)' })).optional(),
    /** Your own keys, sent with the message and handed back on each of its events. */
    metadata: z.record(z.string(), z.string()).optional(),
    /** Extra MIME headers, e.g. `List-Unsubscribe`. */
    headers: z.record(z.string(), z.string()).optional(),
    /** Send later instead of now. */
    scheduledAt: z.coerce.date().optional(),
  })
  .superRefine((message, ctx) => {
    if (!message.text && !message.html && !message.template) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'give text, html or a template: the message has no body' });
    }
    if (!message.subject && !message.template)
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'is required unless a template sets it' });
  });
/** One mailbox or a list of them, as given. */
type MailboxesInput = MailboxInput | readonly MailboxInput[];

/** One email, as given (see {@link EmailMessage} for what each field may hold). */
export interface EmailMessageInput {
  from: MailboxInput;
  to: MailboxesInput;
  cc?: MailboxesInput;
  bcc?: MailboxesInput;
  replyTo?: MailboxesInput;
  subject?: string;
  text?: string;
  html?: string;
  template?: { id: string; data?: Record<string, unknown> };
  attachments?: readonly Attachment[];
  tags?: readonly string[];
  metadata?: Record<string, string>;
  headers?: Record<string, string>;
  /** A `Date`, or an ISO string. */
  scheduledAt?: Date | string;
}
/** One email, validated and normalized (mailboxes as lists of `{ email, name }`). */
export type EmailMessage = z.output<typeof EmailMessage>;

/** What the provider said to one send: its id for the message, which its events carry. */
export interface SendResult<Raw = unknown> {
  /** The provider's message id (SendGrid's `X-Message-Id`, Resend's `id`). */
  id: string;
  raw: Raw;
}

/** One message of a batch: accepted with its id, or refused with the reason, by position. */
export type BatchItemResult<Raw = unknown> =
  | { index: number; status: 'accepted'; id: string; raw: Raw }
  | { index: number; status: 'refused'; error: { message: string; field?: string; code?: string }; cause?: unknown };

/** Checks and normalizes a message before anything is sent, or throws core's `InputValidationError` naming each field. */
export function parseMessage(input: EmailMessageInput | unknown, where = 'email.send'): EmailMessage {
  return parseInput(EmailMessage, input, where);
}

/** An attachment's content as base64, whichever way it was given. */
export function attachmentBase64(content: Uint8Array | string): string {
  return typeof content === 'string' ? content : Buffer.from(content).toString('base64');
}
