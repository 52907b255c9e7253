import { type CallOptions, isApiError, UnsupportedFeatureError } from '@junction/core';
import { parseInput } from '@junction/core/utils';
import { z } from 'zod';
import { checkBatch } from '../unified/batch.js';
import type { EmailProvider, EmailRequestOptions } from '../unified/email-provider.js';
import {
  attachmentBase64,
  type BatchItemResult,
  type EmailMessage,
  type EmailMessageInput,
  parseMessage,
  type SendResult,
} from '../unified/message.js';
import { refuseSuppressed } from '../unified/suppressed-recipient-error.js';
import { createResendClient, type ResendClient, type ResendClientOptions } from './resend-connector.js';
import { normalizeResendEvent, resendEmailWebhooks } from './resend-email-events.js';
import { resendSuppressions } from './resend-email-suppressions.js';
import { RESEND_BATCH_MAX } from './resend-policies.js';
import type { SendEmailRequest } from './resend-schemas.js';

const PROVIDER = resendEmailWebhooks.provider;

// Resend's rule for tag names and values (spec `Tag`): ASCII letters, digits, `_` and `-`, up to 256 characters.
const TAG_TEXT = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,256}$/, { message: 'may hold only ASCII letters, digits, _ and - (Resend tags, up to 256)' });
const Metadata = z.record(TAG_TEXT, TAG_TEXT);

const mailbox = (m: { email: string; name: string | null }) => (m.name ? `${m.name} <${m.email}>` : m.email);

/**
 * A unified message as Resend's `SendEmailRequest`: mailboxes as
 * `Name <email>`, `metadata` and `tags` as Resend tags (`{ name: key, value }`
 * and `{ name: tag, value: 'true' }`, which come back on events), attachments
 * as base64 with `content_type` and `content_id`.
 */
export function toResendEmail(message: EmailMessage, where = 'resend.send'): SendEmailRequest {
  const metadata = parseInput(Metadata, message.metadata ?? {}, `${where} metadata`);
  const tags = [
    ...Object.entries(metadata).map(([name, value]) => ({ name, value })),
    ...(message.tags ?? []).map((name) => ({ name, value: 'true' })),
  ];
  const email: SendEmailRequest = {
    from: mailbox(message.from),
    to: message.to.map(mailbox),
    subject: message.subject ?? '',
    ...(message.cc?.length ? { cc: message.cc.map(mailbox) } : {}),
    ...(message.bcc?.length ? { bcc: message.bcc.map(mailbox) } : {}),
    ...(message.replyTo?.length ? { reply_to: message.replyTo.map(mailbox) } : {}),
    ...(message.html ? { html: message.html } : {}),
    ...(message.text ? { text: message.text } : {}),
    ...(message.template
      ? { template: { id: message.template.id, ...(message.template.data ? { variables: templateVariables(message.template.data) } : {}) } }
      : {}),
    ...(message.headers ? { headers: message.headers } : {}),
    ...(message.scheduledAt ? { scheduled_at: message.scheduledAt.toISOString() } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
  if (message.attachments?.length) {
    email.attachments = message.attachments.map((a) => ({
      filename: a.filename,
      content: attachmentBase64(a.content),
      ...(a.contentType ? { content_type: a.contentType } : {}),
      ...(a.contentId ? { content_id: a.contentId } : {}),
    }));
  }
  return email;
}

// Resend's template variables are strings or numbers.
function templateVariables(data: Record<string, unknown>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, typeof v === 'number' ? v : typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}

function callOptions(options: EmailRequestOptions | undefined, key = options?.idempotencyKey): CallOptions {
  return { ...(options?.signal ? { signal: options.signal } : {}), ...(key ? { idempotencyKey: key } : {}) };
}

/**
 * The unified email interface over Resend. `send` is one `POST /emails`
 * with your `idempotencyKey`; `sendBatch` checks each message, sends the
 * valid ones in chunks of 100 (one request each, key `<yours>-<chunk>`), and
 * answers one result per message in order: a chunk Resend refuses gives
 * `refused` results for its messages. Messages with attachments or a
 * schedule, which Resend's batch endpoint does not take, are sent one by one
 * (key `<yours>-m<index>`). Suppressions are Resend's bounce,
 * complaint and manual lists.
 */
export function resendEmail(clientOrOptions: ResendClient | ResendClientOptions): EmailProvider {
  const client = 'apiKey' in clientOrOptions ? createResendClient(clientOrOptions) : clientOrOptions;
  const suppressions = resendSuppressions(client);
  return {
    name: PROVIDER,
    async send(input: EmailMessageInput, options?: EmailRequestOptions): Promise<SendResult> {
      const message = parseMessage(input, 'resend.send');
      const call = callOptions(options);
      if (options?.checkSuppressions) await refuseSuppressed(recipientsOf(message), (email) => suppressions.get(email, options));
      const raw = await client.sendEmail(toResendEmail(message), call);
      return { id: raw.id, raw };
    },
    async sendBatch(messages: readonly EmailMessageInput[], options?: EmailRequestOptions): Promise<BatchItemResult[]> {
      if (options?.checkSuppressions) {
        throw new UnsupportedFeatureError(
          PROVIDER,
          'sendBatch with checkSuppressions',
          'check the recipients with suppressions.get, or send them one by one',
        );
      }
      const checked = checkBatch(messages, 'resend.sendBatch');
      const results: BatchItemResult[] = [...checked.refused];
      const valid: { index: number; email: SendEmailRequest }[] = [];
      const single: { index: number; email: SendEmailRequest }[] = [];
      for (const { index, message } of checked.valid) {
        try {
          const email = toResendEmail(message, `resend.sendBatch[${index}]`);
          (batchable(email) ? valid : single).push({ index, email });
        } catch (error) {
          results.push(refused(index, error, 'invalid_message'));
        }
      }
      // Resend's batch endpoint drops attachments and scheduled_at: those messages go one by one instead.
      for (const { index, email } of single) {
        const key = options?.idempotencyKey ? `${options.idempotencyKey}-m${index}` : undefined;
        try {
          const raw = await client.sendEmail(email, callOptions(options, key));
          results.push({ index, status: 'accepted', id: raw.id, raw });
        } catch (error) {
          results.push(refused(index, error));
        }
      }
      for (let start = 0; start < valid.length; start += RESEND_BATCH_MAX) {
        const chunk = valid.slice(start, start + RESEND_BATCH_MAX);
        const key = options?.idempotencyKey ? `${options.idempotencyKey}-${start / RESEND_BATCH_MAX}` : undefined;
        try {
          const answer = await client.sendBatch(
            chunk.map((item) => item.email),
            callOptions(options, key),
          );
          chunk.forEach((item, i) => {
            const id = answer.data[i]?.id;
            results.push(
              id
                ? { index: item.index, status: 'accepted', id, raw: answer.data[i] }
                : refused(item.index, new Error('Resend answered the batch without an id for this message.'), 'missing_id'),
            );
          });
        } catch (error) {
          for (const item of chunk) results.push(refused(item.index, error));
        }
      }
      return results.sort((a, b) => a.index - b.index);
    },
    suppressions,
    events: { normalize: normalizeResendEvent },
  };
}

// What Resend's batch endpoint carries: it does not take attachments or scheduled_at.
function batchable(email: SendEmailRequest): boolean {
  return email.attachments === undefined && email.scheduled_at === undefined;
}

// Everyone the message goes to: each must be sendable.
function recipientsOf(message: EmailMessage): string[] {
  return [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])].map((mailbox) => mailbox.email);
}

function refused(index: number, error: unknown, fallbackCode?: string): BatchItemResult {
  const message = error instanceof Error ? error.message : String(error);
  const code = isApiError(error) ? error.code : fallbackCode;
  const field = (error as { issues?: { path: (string | number)[] }[] }).issues?.[0]?.path.join('.');
  return { index, status: 'refused', error: { message, ...(code ? { code } : {}), ...(field ? { field } : {}) }, cause: error };
}
