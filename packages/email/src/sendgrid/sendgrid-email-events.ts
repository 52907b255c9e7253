import type { EmailWebhookSource } from '../unified/email-webhooks.js';
import type { EmailEvent, EmailEventType } from '../unified/events.js';
import { SENDGRID_IDEMPOTENCY_CUSTOM_ARG } from './sendgrid-policies.js';
import { SENDGRID_SIGNATURE_HEADER, type SendgridVerifierOptions, sendgridVerifier } from './sendgrid-signature.js';
import { customArgsOf, messageIdOf, sendgridWebhooks } from './sendgrid-webhooks.js';

const PROVIDER = 'sendgrid';

const EVENT_TYPES: Record<string, EmailEventType> = {
  processed: 'email.sent',
  delivered: 'email.delivered',
  deferred: 'email.deferred',
  bounce: 'email.bounced',
  dropped: 'email.dropped',
  open: 'email.opened',
  click: 'email.clicked',
  spamreport: 'email.complained',
  unsubscribe: 'email.unsubscribed',
  group_unsubscribe: 'email.unsubscribed',
};

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * SendGrid's event array (or one event) as unified events: a `bounce` is
 * hard unless SendGrid typed it `blocked`, a `deferred` is a soft bounce in
 * waiting, `messageId` is the part of `sg_message_id` that `send` returned,
 * `metadata` the message's `custom_args`.
 */
export function normalizeSendgridEvents(payload: unknown): EmailEvent[] {
  const list = Array.isArray(payload) ? payload : [payload];
  return list.flatMap((item): EmailEvent[] => {
    if (!item || typeof item !== 'object') return [];
    const event = item as Record<string, unknown>;
    const id = text(event.sg_event_id);
    const providerType = text(event.event);
    if (!id || !providerType) return [];
    const type = EVENT_TYPES[providerType] ?? 'unknown';
    const { [SENDGRID_IDEMPOTENCY_CUSTOM_ARG]: _key, ...metadata } = customArgsOf(event);
    return [
      {
        id,
        type,
        providerType,
        provider: PROVIDER,
        messageId: messageIdOf(text(event.sg_message_id) ?? undefined) ?? null,
        recipient: text(event.email),
        occurredAt: new Date(Number(event.timestamp ?? 0) * 1000),
        metadata,
        bounce: type === 'email.bounced' ? { kind: event.type === 'blocked' ? 'soft' : 'hard', reason: text(event.reason) } : null,
        url: type === 'email.clicked' ? text(event.url) : null,
        raw: item,
      },
    ];
  });
}

/**
 * SendGrid's part in the unified email receiver: deliveries carrying
 * `X-Twilio-Email-Event-Webhook-Signature`, verified with the webhook's
 * public key, read by {@link normalizeSendgridEvents}. Give it to
 * `emailWebhooks({ sendgrid: sendgridEmailWebhooks })`.
 */
export const sendgridEmailWebhooks: EmailWebhookSource<SendgridVerifierOptions> = {
  provider: PROVIDER,
  signatureHeader: SENDGRID_SIGNATURE_HEADER,
  verifier: sendgridVerifier,
  normalize: normalizeSendgridEvents,
  redeliveryMs: sendgridWebhooks.redeliveryMs,
};
