import { z } from 'zod';
import type { EmailWebhookSource } from '../unified/email-webhooks.js';
import type { EmailEvent, EmailEventType } from '../unified/events.js';
import {
  RESEND_WEBHOOK_HEADERS,
  ResendEmailEventData,
  type ResendWebhookSecrets,
  resendVerifier,
  resendWebhooks,
} from './resend-webhooks.js';

const PROVIDER = 'resend';

const EVENT_TYPES: Record<string, EmailEventType> = {
  'email.sent': 'email.sent',
  'email.delivered': 'email.delivered',
  'email.delivery_delayed': 'email.deferred',
  'email.bounced': 'email.bounced',
  'email.complained': 'email.complained',
  'email.opened': 'email.opened',
  'email.clicked': 'email.clicked',
};

const ResendEventPayload = z.object({ type: z.string(), created_at: z.string(), data: ResendEmailEventData.partial().passthrough() });

/**
 * Resend webhook payloads (one event, or a list) as unified events, one per
 * recipient in `data.to`: `email.delivery_delayed` is `email.deferred`, a
 * bounce is hard when its `type` is `Permanent` (or not given), `metadata`
 * is the email's tags. Ids are `<email_id>:<type>:<created_at>:<recipient>`,
 * the same on every redelivery.
 */
export function normalizeResendEvent(payload: unknown): EmailEvent[] {
  const list = Array.isArray(payload) ? payload : [payload];
  return list.flatMap((item) => {
    const parsed = ResendEventPayload.safeParse(item);
    if (!parsed.success) return [];
    const { type, created_at, data } = parsed.data;
    const unified = EVENT_TYPES[type] ?? 'unknown';
    const recipients = data.to?.length ? data.to : [null];
    const occurredAt = new Date(created_at);
    const bounce =
      unified === 'email.bounced'
        ? {
            kind: data.bounce && data.bounce.type !== 'Permanent' ? ('soft' as const) : ('hard' as const),
            reason: data.bounce?.message ?? null,
          }
        : null;
    return recipients.map((recipient) => ({
      id: `${data.email_id ?? 'unknown'}:${type}:${created_at}:${recipient ?? ''}`,
      type: unified,
      providerType: type,
      provider: PROVIDER,
      messageId: data.email_id ?? null,
      recipient,
      occurredAt: Number.isNaN(occurredAt.getTime()) ? new Date(0) : occurredAt,
      metadata: { ...(data.tags ?? {}) },
      bounce,
      url: unified === 'email.clicked' ? (data.click?.link ?? null) : null,
      raw: item,
    }));
  });
}

/**
 * Resend's part in the unified email receiver: deliveries carrying
 * `svix-signature`, verified with your `whsec_…` secret, read by
 * {@link normalizeResendEvent}. Give it to `emailWebhooks({ resend: resendEmailWebhooks })`.
 */
export const resendEmailWebhooks: EmailWebhookSource<ResendWebhookSecrets> = {
  provider: PROVIDER,
  signatureHeader: RESEND_WEBHOOK_HEADERS.signature,
  verifier: resendVerifier,
  normalize: normalizeResendEvent,
  redeliveryMs: resendWebhooks.redeliveryMs,
};
