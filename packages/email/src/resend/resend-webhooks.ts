import {
  type ClockOption,
  defineWebhooks,
  type StandardWebhook,
  standardWebhooks,
  standardWebhooksSigner,
  type WebhookSigner,
  type WebhookVerifier,
} from '@junction/core';
import { z } from 'zod';

/** Resend's delivery headers: Standard Webhooks under Svix's names. */
export const RESEND_WEBHOOK_HEADERS = { id: 'svix-id', timestamp: 'svix-timestamp', signature: 'svix-signature' } as const;

/** The email event types with typed payloads (spec: `Email*Event`); others still arrive, as unknown events. */
export const RESEND_EMAIL_EVENT_TYPES = [
  'email.sent',
  'email.delivered',
  'email.delivery_delayed',
  'email.bounced',
  'email.complained',
  'email.opened',
  'email.clicked',
] as const;
/** A typed Resend email event type. */
export type ResendEmailEventType = (typeof RESEND_EMAIL_EVENT_TYPES)[number];

/** `WebhookEventBounce`: the bounce's `type` (`Permanent` is a hard bounce) and details. */
export const ResendBounce = z.object({
  diagnosticCode: z.array(z.string()),
  message: z.string(),
  subType: z.string(),
  type: z.string(),
});

/** `WebhookEventClick`: the link clicked, and by whom. */
export const ResendClick = z.object({ ipAddress: z.string(), link: z.string(), timestamp: z.string(), userAgent: z.string() });

/** `OutboundEmailEventData`: the email an event is about. `tags` is a name → value record here (unlike the send request's list). */
export const ResendEmailEventData = z.object({
  email_id: z.string(),
  created_at: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  broadcast_id: z.string().optional(),
  template_id: z.string().optional(),
  tags: z.record(z.string(), z.string()).optional(),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  bounce: ResendBounce.optional(),
  click: ResendClick.optional(),
});
/** The `data` of a Resend email event. */
export type ResendEmailEventData = z.infer<typeof ResendEmailEventData>;

/** A Resend email event of `type`: `{ type, created_at, data }`. */
export interface ResendEmailEvent<T extends string = ResendEmailEventType> {
  type: T;
  created_at: string;
  data: ResendEmailEventData;
}

/** The envelope every Resend event has. Its id is the `svix-id` header, not a body field. */
export const ResendEventEnvelope = z.object({ type: z.string(), created_at: z.string() });

function eventSchema<const T extends ResendEmailEventType>(type: T): z.ZodType<ResendEmailEvent<T>> {
  const data =
    type === 'email.bounced'
      ? ResendEmailEventData.extend({ bounce: ResendBounce })
      : type === 'email.clicked'
        ? ResendEmailEventData.extend({ click: ResendClick })
        : ResendEmailEventData;
  return z.object({ type: z.literal(type), created_at: z.string(), data }) as z.ZodType<ResendEmailEvent<T>>;
}

/** The schema of each typed event, by type. */
export type ResendEventSchemas = { [T in ResendEmailEventType]: z.ZodType<ResendEmailEvent<T>> };

/** Typed payloads for the email events, by type. */
export const RESEND_EVENT_SCHEMAS = Object.fromEntries(
  RESEND_EMAIL_EVENT_TYPES.map((type) => [type, eventSchema(type)]),
) as ResendEventSchemas;

/** The signing secret of a Resend webhook (`whsec_…`), or several during a rotation. */
export type ResendWebhookSecrets = ({ secret: string; secrets?: never } | { secrets: readonly string[]; secret?: never }) &
  ClockOption & {
    /** How far `svix-timestamp` may be from now, either way, in seconds. Default 300. */
    toleranceSec?: number;
  };

/**
 * Verifies Resend deliveries: core's Standard Webhooks verifier, which reads
 * the `svix-*` header family Resend sends (HMAC-SHA256 over
 * `${svix-id}.${svix-timestamp}.${body}`, keyed with the base64 after `whsec_`).
 */
export function resendVerifier(secrets: ResendWebhookSecrets): WebhookVerifier<StandardWebhook> {
  return standardWebhooks({ ...secrets, name: 'resend' } as Parameters<typeof standardWebhooks>[0]);
}

/** Signs deliveries as Resend does (`svix-id`, `svix-timestamp`, `svix-signature: v1,…`): for sandboxes and tests. */
export function resendSigner(options: { secret: string }): WebhookSigner {
  return standardWebhooksSigner({ secret: options.secret, prefix: 'svix' });
}

/**
 * How Resend webhooks are verified and read: one event per delivery, deduped
 * on the `svix-id` header (the same on every redelivery), dispatched on
 * `type`. Give the connector to core's `createWebhookReceiver`.
 */
export const resendWebhooks = defineWebhooks({
  name: 'resend',
  verifier: (secrets: ResendWebhookSecrets) => resendVerifier(secrets),
  envelope: ResendEventEnvelope,
  id: (_event, delivery) => delivery.header(RESEND_WEBHOOK_HEADERS.id),
  type: (event) => event.type,
  events: RESEND_EVENT_SCHEMAS,
  // Resend (Svix) retries on a schedule that ends about 27.6 hours after the first attempt.
  redeliveryMs: 28 * 60 * 60 * 1000,
});
