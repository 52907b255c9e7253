import {
  type DeliveryContext,
  type DeliveryVerifier,
  defineWebhooks,
  headerLookup,
  type WebhookInput,
  WebhookPayloadError,
  WebhookVerificationError,
} from '@junction/core';
import { z } from 'zod';
import { EMAIL_EVENT_TYPES, EmailEvent, type EmailEventType } from './events.js';

/**
 * One provider's part in {@link emailWebhooks}: how its deliveries are told
 * apart, verified and read as unified events. Each provider subpath exports
 * one (`resendEmailWebhooks`, `sendgridEmailWebhooks`).
 */
export interface EmailWebhookSource<TSecrets> {
  /** The provider, as `EmailEvent.provider` names it. */
  readonly provider: string;
  /** The signature header only this provider's deliveries carry: how a delivery is recognized. */
  readonly signatureHeader: string;
  /** Builds this provider's verifier from your secrets for it. */
  verifier(secrets: TSecrets): DeliveryVerifier;
  /** A verified body as unified events (ids unique within the provider, the same on every redelivery). */
  normalize(body: unknown): EmailEvent[];
  /** How long the provider may redeliver an event, in ms; the unified receiver remembers ids for the longest of its sources'. */
  readonly redeliveryMs?: number;
}

/** The secrets {@link emailWebhooks} needs: each source's, under the source's key. */
export type EmailWebhookSecrets<P> = { [K in keyof P]: P[K] extends EmailWebhookSource<infer S> ? S : never };

/** What the unified verifier returns: which source's delivery it was, and what that source's verifier returned. */
export interface EmailDeliveryVerified {
  source: string;
  verified: unknown;
}

/** Each unified event type's schema: a unified event, whichever provider it came from. */
export type EmailEventSchemas = { [T in EmailEventType]: z.ZodType<EmailEvent> };

const EMAIL_EVENT_SCHEMAS = Object.fromEntries(EMAIL_EVENT_TYPES.map((type) => [type, EmailEvent])) as unknown as EmailEventSchemas;

// What the receiver reads of each normalized event to dedupe and dispatch it.
const Envelope = z.object({ id: z.string(), type: z.string(), providerType: z.string(), provider: z.string() });

/**
 * One webhook endpoint for several email providers: each delivery is
 * recognized by its provider's signature header, verified with that
 * provider's secrets, and read as unified {@link EmailEvent}s, so
 * `receiver.on('email.bounced', …)` runs the same code for a SendGrid bounce
 * and a Resend one. Event ids are stored as `<provider>:<id>` under the
 * `email` namespace; types a provider has but the unified set lacks reach
 * `onUnknown` under the provider's own name.
 *
 * @example
 * const receiver = createWebhookReceiver(emailWebhooks({ resend: resendEmailWebhooks, sendgrid: sendgridEmailWebhooks }), {
 *   secrets: { resend: { secret: process.env.RESEND_WEBHOOK_SECRET! }, sendgrid: { publicKey: process.env.SENDGRID_WEBHOOK_KEY! } },
 * });
 * receiver.on('email.bounced', ({ payload }) => markUndeliverable(payload.recipient, payload.bounce?.kind));
 */
// biome-ignore lint/suspicious/noExplicitAny: each source keeps its own secrets type; only the map's shape matters here.
export function emailWebhooks<const P extends Record<string, EmailWebhookSource<any>>>(sources: P) {
  const keys = Object.keys(sources);
  if (keys.length === 0) throw new TypeError('emailWebhooks needs at least one provider, e.g. { resend: resendEmailWebhooks }.');
  const sourceOf = (delivery: DeliveryContext) => sources[(delivery.verified as EmailDeliveryVerified).source] as P[keyof P];
  return defineWebhooks({
    name: 'email',
    verifier: (secrets: EmailWebhookSecrets<P>): DeliveryVerifier => {
      const verifiers = keys.map((key) => {
        const source = sources[key] as P[keyof P];
        const given = (secrets as Record<string, unknown> | undefined)?.[key];
        if (given === undefined) throw new TypeError(`emailWebhooks: no secrets for "${key}"; pass them as secrets.${key}.`);
        return { key, source, verifier: source.verifier(given) };
      });
      return {
        name: 'email',
        verify(input: WebhookInput) {
          const lookup = headerLookup(input.headers);
          const found = verifiers.find(({ source }) => lookup(source.signatureHeader) !== undefined);
          if (!found) throw unrecognized(verifiers.map(({ source }) => source));
          const verified = found.verifier.verify(input);
          const tag = (value: unknown): EmailDeliveryVerified => ({ source: found.key, verified: value });
          return isPromiseLike(verified) ? Promise.resolve(verified).then(tag) : tag(verified);
        },
      };
    },
    split: (body, delivery) => {
      const source = sourceOf(delivery);
      const events = source.normalize(body);
      if (events.length === 0 && !(Array.isArray(body) && body.length === 0)) {
        throw new WebhookPayloadError(`The ${source.provider} webhook body holds no email event this SDK can read; no handler ran.`, {
          reason: 'invalid_envelope',
        });
      }
      return events;
    },
    envelope: Envelope,
    id: (event) => `${event.provider}:${event.id}`,
    type: (event) => (event.type === 'unknown' ? event.providerType : event.type),
    events: EMAIL_EVENT_SCHEMAS,
    ...longestWindow(Object.values(sources)),
  });
}

// One endpoint takes every source's redeliveries, so ids are kept for the longest window any source declares.
function longestWindow(sources: readonly EmailWebhookSource<unknown>[]): { redeliveryMs?: number } {
  const windows = sources.flatMap((source) => (source.redeliveryMs === undefined ? [] : [source.redeliveryMs]));
  return windows.length === 0 ? {} : { redeliveryMs: Math.max(...windows) };
}

function unrecognized(sources: readonly EmailWebhookSource<unknown>[]): WebhookVerificationError {
  const expected = sources.map((source) => `${source.signatureHeader} (${source.provider})`).join(' or ');
  return new WebhookVerificationError(
    `This delivery carries no signature header of the providers this endpoint takes: expected ${expected}. ` +
      'Check that signing is enabled for the webhook and that any proxy in front of your server forwards the header.',
    { reason: 'missing_header' },
  );
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}
