import { z } from 'zod';
import { RESEND_BATCH_MAX, RESEND_MAX_RECIPIENTS } from './resend-policies.js';

// Hand-written from the Resend OpenAPI spec 1.5.0 (components.schemas); field names and `required` lists as there.

const OneOrMany = z.union([z.string(), z.array(z.string())]);

/** `Attachment`: `content` (base64 here, as JSON carries it) or a `path` to fetch, a `filename`, and optional `content_type` / `content_id`. */
export const ResendAttachment = z.object({
  content: z.string().optional(),
  filename: z.string().optional(),
  path: z.string().optional(),
  content_type: z.string().optional(),
  /** For inline images: referenced as `cid:<content_id>` in the HTML. */
  content_id: z.string().optional(),
});
/** An attachment as Resend takes it. */
export type ResendAttachment = z.infer<typeof ResendAttachment>;

/** `Tag`: a name and value of ASCII letters, digits, `_` and `-` (up to 256 characters each, checked by Resend). */
export const ResendTag = z.object({ name: z.string(), value: z.string() });
/** A Resend tag. */
export type ResendTag = z.infer<typeof ResendTag>;

/** `EmailTemplateInput`: a published template's `id` and its `variables`. */
export const ResendTemplateInput = z.object({
  id: z.string(),
  variables: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** `SendEmailRequest`: required `from`, `to` (one address or up to 50) and `subject`. */
export const SendEmailRequest = z.object({
  from: z.string(),
  to: z.union([z.string(), z.array(z.string()).min(1).max(RESEND_MAX_RECIPIENTS)]),
  subject: z.string(),
  bcc: OneOrMany.optional(),
  cc: OneOrMany.optional(),
  reply_to: OneOrMany.optional(),
  html: z.string().optional(),
  text: z.string().optional(),
  template: ResendTemplateInput.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  scheduled_at: z.string().optional(),
  attachments: z.array(ResendAttachment).optional(),
  tags: z.array(ResendTag).optional(),
  topic_id: z.string().optional(),
});
/** One email as `POST /emails` takes it (what you pass). */
export type SendEmailRequest = z.input<typeof SendEmailRequest>;

/** `SendEmailResponse`: the new email's `id`. */
export const SendEmailResponse = z.object({ id: z.string() });
/** What `POST /emails` answers. */
export type SendEmailResponse = z.infer<typeof SendEmailResponse>;

/** The body of `POST /emails/batch`: 1 to 100 emails, each as `sendEmail` takes it. */
export const SendBatchRequest = z
  .array(
    // Resend's docs: the batch endpoint does not support attachments or scheduled_at (and would drop them silently).
    SendEmailRequest.superRefine((email, ctx) => {
      for (const field of ['attachments', 'scheduled_at'] as const) {
        if (email[field] === undefined) continue;
        ctx.addIssue({ code: 'custom', path: [field], message: 'is not taken by Resend’s batch endpoint: send this email with sendEmail' });
      }
    }),
  )
  .min(1, { message: 'needs at least one email' })
  .max(RESEND_BATCH_MAX, {
    message: `has more emails than the ${RESEND_BATCH_MAX} one Resend batch takes: split it into chunks of ${RESEND_BATCH_MAX} (resendEmail() does)`,
  });

/** `CreateBatchEmailsResponse`: one `{ id }` per email, in the order sent. No per-email errors in this version of the API. */
export const CreateBatchEmailsResponse = z.object({ data: z.array(z.object({ id: z.string() })) });
/** What `POST /emails/batch` answers. */
export type CreateBatchEmailsResponse = z.infer<typeof CreateBatchEmailsResponse>;

/** `Email.last_event`: the email's status. */
export const ResendEmailStatus = z.enum([
  'bounced',
  'canceled',
  'clicked',
  'complained',
  'delivered',
  'delivery_delayed',
  'failed',
  'opened',
  'queued',
  'scheduled',
  'sent',
  'suppressed',
]);

/** `Email`: a sent (or scheduled) email as `GET /emails/{id}` returns it. No field is required in the spec. */
export const ResendEmail = z.object({
  object: z.string().optional(),
  id: z.string().optional(),
  message_id: z.string().optional(),
  to: z.array(z.string()).optional(),
  from: z.string().optional(),
  created_at: z.string().optional(),
  subject: z.string().optional(),
  html: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
  bcc: z.array(z.string()).nullable().optional(),
  cc: z.array(z.string()).nullable().optional(),
  reply_to: z.array(z.string()).nullable().optional(),
  last_event: ResendEmailStatus.optional(),
  scheduled_at: z.string().nullable().optional(),
});
/** A Resend email. */
export type ResendEmail = z.infer<typeof ResendEmail>;

/** What `PATCH /emails/{id}` and `POST /emails/{id}/cancel` answer in practice: `{ object: 'email', id }`. */
export const ResendEmailRef = z.object({ object: z.string().optional(), id: z.string().optional() });
