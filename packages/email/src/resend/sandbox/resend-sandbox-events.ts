import { WebhookSender } from '@junction/testing';
import { resendSigner } from '../resend-webhooks.js';

/** Where the sandbox delivers events, as a Resend webhook endpoint receives them. */
export interface ResendSandboxWebhook {
  /** The endpoint URL. */
  url: string;
  /** The endpoint's signing secret, `whsec_…`. */
  secret: string;
  /** Deliver every event twice (same `svix-id`), as Resend may: receivers must dedupe. */
  duplicates?: boolean;
  /** Deliver each email's events newest first (`email.delivered` before `email.sent`), as Svix may: receivers must not rely on order. */
  reversed?: boolean;
  /** Further attempts after a failed delivery. Default 2. */
  retries?: number;
}

/** One event as the sandbox sends it. */
export interface ResendSandboxEvent {
  /** The `svix-id` it is delivered under. */
  svixId: string;
  type: string;
  created_at: string;
  data: Record<string, unknown>;
}

/** The kit's sender, signing as Resend does with one `svix-id` per event, kept across retries and duplicates. */
export function resendWebhookSender(
  config: ResendSandboxWebhook,
  now: () => number,
): WebhookSender<ResendSandboxEvent, { svixId: string; type: string }> {
  const ids = new Map<string, string>();
  const inner = resendSigner({ secret: config.secret });
  return new WebhookSender({
    url: config.url,
    signer: { name: inner.name, sign: (input) => inner.sign({ ...input, id: ids.get(String(input.body)) ?? 'msg_unknown' }) },
    serialize: (event) => {
      const { svixId, ...body } = event;
      const text = JSON.stringify(body);
      ids.set(text, svixId);
      return text;
    },
    describe: (event) => ({ svixId: event.svixId, type: event.type }),
    headers: { 'user-agent': 'Svix-Webhooks/1.0' },
    now,
    ...(config.retries === undefined ? {} : { retries: config.retries }),
    retryDelayMs: 20,
  });
}

/**
 * The events of one accepted email, per recipient, as Resend's test
 * addresses behave: `email.sent`, then `email.delivered`; a recipient whose
 * local part is `bounce` gets `email.bounced` (Permanent); `complaint` gets
 * `email.delivered` then `email.complained`.
 */
export function eventsFor(base: Record<string, unknown>, recipients: readonly string[]): { type: string; data: Record<string, unknown> }[] {
  const events: { type: string; data: Record<string, unknown> }[] = [{ type: 'email.sent', data: { ...base, to: [...recipients] } }];
  for (const recipient of recipients) {
    const data = { ...base, to: [recipient] };
    const local = recipient.split('@')[0]?.toLowerCase();
    if (local === 'bounce') {
      events.push({
        type: 'email.bounced',
        data: {
          ...data,
          bounce: {
            diagnosticCode: ['smtp; 550 5.1.1 user unknown'],
            message: "The recipient's email address does not exist.",
            subType: 'General',
            type: 'Permanent',
          },
        },
      });
    } else {
      events.push({ type: 'email.delivered', data });
      if (local === 'complaint') events.push({ type: 'email.complained', data });
    }
  }
  return events;
}
