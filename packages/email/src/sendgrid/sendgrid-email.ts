import { type CallOptions, isApiError } from '@junction/core';
import { removeUndefined } from '@junction/core/utils';
import { checkBatch } from '../unified/batch.js';
import type { EmailProvider, EmailRequestOptions } from '../unified/email-provider.js';
import { attachmentBase64, type BatchItemResult, type EmailMessage, parseMessage, type SendResult } from '../unified/message.js';
import { refuseSuppressed } from '../unified/suppressed-recipient-error.js';
import { createSendgridClient, type SendgridClient, type SendgridClientOptions } from './sendgrid-connector.js';
import { normalizeSendgridEvents, sendgridEmailWebhooks } from './sendgrid-email-events.js';
import { sendgridSuppressions } from './sendgrid-email-suppressions.js';
import { SENDGRID_IDEMPOTENCY_CUSTOM_ARG } from './sendgrid-policies.js';
import type { SendgridAddress, SendMailInput } from './sendgrid-schemas.js';

const PROVIDER = sendgridEmailWebhooks.provider;

const address = (mailbox: { email: string; name: string | null }): SendgridAddress =>
  mailbox.name ? { email: mailbox.email, name: mailbox.name } : { email: mailbox.email };

/**
 * A unified message as SendGrid's Mail Send body: one personalization for
 * its recipients, text before HTML (SendGrid's required order), tags as
 * categories, metadata (and the idempotency key) as `custom_args`,
 * `scheduledAt` as `send_at`.
 */
export function toSendgridMail(message: EmailMessage, idempotencyKey?: string): SendMailInput {
  const customArgs = { ...message.metadata, ...(idempotencyKey ? { [SENDGRID_IDEMPOTENCY_CUSTOM_ARG]: idempotencyKey } : {}) };
  const content = [
    ...(message.text ? [{ type: 'text/plain', value: message.text }] : []),
    ...(message.html ? [{ type: 'text/html', value: message.html }] : []),
  ];
  const [replyTo, ...moreReplyTo] = message.replyTo ?? [];
  return removeUndefined({
    personalizations: [
      removeUndefined({
        to: message.to.map(address),
        cc: message.cc?.map(address),
        bcc: message.bcc?.map(address),
        dynamic_template_data: message.template?.data,
      }),
    ],
    from: address(message.from),
    reply_to: replyTo && moreReplyTo.length === 0 ? address(replyTo) : undefined,
    reply_to_list: moreReplyTo.length > 0 ? message.replyTo?.map(address) : undefined,
    subject: message.subject,
    content: content.length > 0 ? content : undefined,
    attachments: message.attachments?.map((file) =>
      removeUndefined({
        content: attachmentBase64(file.content),
        filename: file.filename,
        type: file.contentType,
        disposition: file.contentId ? ('inline' as const) : undefined,
        content_id: file.contentId,
      }),
    ),
    template_id: message.template?.id,
    categories: message.tags,
    custom_args: Object.keys(customArgs).length > 0 ? customArgs : undefined,
    headers: message.headers,
    send_at: message.scheduledAt ? Math.floor(message.scheduledAt.getTime() / 1000) : undefined,
  }) as SendMailInput;
}

const recipientsOf = (message: EmailMessage) => [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])].map((m) => m.email);
const callOptions = (options?: EmailRequestOptions): CallOptions => (options?.signal ? { signal: options.signal } : {});

/**
 * The unified email interface over SendGrid. SendGrid takes no idempotency
 * key: the caller's `idempotencyKey` travels in `custom_args`, and a send
 * whose outcome is unknown is not retried (the client's
 * `retryUnsafeSends` opts in). `sendBatch` sends each message on its own
 * (SendGrid has no batch of distinct messages) and answers one result each.
 */
export function sendgridEmail(clientOrOptions: SendgridClient | SendgridClientOptions): EmailProvider {
  const client = 'apiKey' in clientOrOptions ? createSendgridClient(clientOrOptions) : clientOrOptions;
  const suppressions = sendgridSuppressions(client);
  const deliver = async (message: EmailMessage, options?: EmailRequestOptions): Promise<SendResult> => {
    if (options?.checkSuppressions) await refuseSuppressed(recipientsOf(message), (email) => suppressions.get(email, options));
    const raw = await client.sendMail(toSendgridMail(message, options?.idempotencyKey), callOptions(options));
    return { id: raw.messageId ?? '', raw };
  };
  return {
    name: PROVIDER,
    send: async (input, options) => deliver(parseMessage(input, 'sendgrid.send'), options),
    async sendBatch(messages, options) {
      const checked = checkBatch(messages, 'sendgrid.sendBatch');
      const results: BatchItemResult[] = [...checked.refused];
      for (const { index, message } of checked.valid) {
        const key = options?.idempotencyKey ? `${options.idempotencyKey}-${index}` : undefined;
        try {
          const sent = await deliver(message, { ...options, ...(key ? { idempotencyKey: key } : {}) });
          results.push({ index, status: 'accepted', id: sent.id, raw: sent.raw });
        } catch (error) {
          const code = isApiError(error) ? error.code : undefined;
          const text = error instanceof Error ? error.message : String(error);
          results.push({ index, status: 'refused', error: { message: text, ...(code ? { code } : {}) }, cause: error });
        }
      }
      return results.sort((a, b) => a.index - b.index);
    },
    suppressions,
    events: { normalize: normalizeSendgridEvents },
  };
}
