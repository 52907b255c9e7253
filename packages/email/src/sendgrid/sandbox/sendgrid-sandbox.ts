import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createIdGenerator, defineSandbox, seededRandom, TokenBucket, type WebhookDelivery, WebhookSender } from '@junction/testing';
import type { HttpHandler } from 'msw';
import { sendgridConnector } from '../sendgrid-connector.js';
import type { SendgridBounce, SendgridSpamReport, SendgridUnsubscribe, SendMailInput } from '../sendgrid-schemas.js';
import { sendgridSigner } from '../sendgrid-signature.js';
import type { SendgridTemplate } from '../sendgrid-templates.js';
import { checkMail, SENDGRID_MAX_MESSAGE_BYTES, sendgridErrorResponse } from './sendgrid-mail-checks.js';
import { eventsFor, type SandboxEvent } from './sendgrid-sandbox-events.js';

/** The key a sandbox accepts unless told otherwise. */
export const SENDGRID_SANDBOX_API_KEY = 'SG.junction_sandbox.0000000000000000000000';

/** Options for {@link createSendgridSandbox}. */
export interface SendgridSandboxOptions {
  /** The API key requests must carry. Default {@link SENDGRID_SANDBOX_API_KEY}. */
  apiKey?: string;
  /** The origin the handlers answer on. Default `https://api.sendgrid.com`. */
  origin?: string;
  /** Answer 429 past `requests` per `intervalMs` (default 1000), with SendGrid's X-RateLimit-* headers. */
  rateLimit?: { requests: number; intervalMs?: number };
  /** Deliver each send's events, signed, as SendGrid's Event Webhook does. Without `privateKey`, a key pair is made. */
  webhook?: { url: string; privateKey?: KeyObject | string; fetch?: typeof fetch };
  /** Deterministic delivery quirks: `duplicateEvery: n` repeats every nth event; `shuffle` reorders each batch (seeded). */
  quirks?: { duplicateEvery?: number; shuffle?: boolean; seed?: number };
  /** Transactional templates the account has (`listTemplates`, `getTemplate`). */
  templates?: readonly SendgridTemplate[];
  /** The clock, in milliseconds. Default `Date.now`. */
  now?: () => number;
}

/** One accepted message, as the sandbox keeps it. */
export interface OutboxEntry {
  /** The `X-Message-Id` answered. */
  messageId: string;
  /** The body as received. */
  mail: SendMailInput;
}

/** A local SendGrid: msw handlers with state, and what a test needs to look inside. */
export interface SendgridSandbox {
  /** Give these to msw's `setupServer` or `startLoopbackServer`. */
  readonly handlers: HttpHandler[];
  /** The origin they answer on. */
  readonly origin: string;
  /** The key the sandbox accepts. */
  readonly apiKey: string;
  /** Every accepted message, in order. */
  readonly outbox: readonly OutboxEntry[];
  /** The suppression lists, fed by the sandbox's bounces and complaints and by the API. */
  readonly suppressions: {
    bounces: Map<string, SendgridBounce>;
    spamReports: Map<string, SendgridSpamReport>;
    unsubscribes: Map<string, SendgridUnsubscribe>;
  };
  /** The verification key of the webhook signer (base64 SPKI DER), when `webhook` is set. */
  readonly publicKey?: string;
  /** Webhook deliveries so far, and a way to wait for those under way. */
  readonly webhooks: { readonly deliveries: readonly WebhookDelivery[]; flush(): Promise<void> };
  /** Forgets every email, suppression and delivery (event ids keep counting, so receivers never see one twice). */
  reset(): void;
}

/**
 * A local SendGrid built with the sandbox kit from `sendgridConnector`'s
 * operations: Mail Send checked SendGrid's way (answering its error bodies,
 * 413 past 30 MB, 202 with `X-Message-Id`), an outbox, suppression lists,
 * SendGrid's rate-limit headers and 429, and with `webhook` signed event
 * arrays (`bounce@…` bounces, `complaint@…` reports spam).
 */
export function createSendgridSandbox(options: SendgridSandboxOptions = {}): SendgridSandbox {
  const apiKey = options.apiKey ?? SENDGRID_SANDBOX_API_KEY;
  const now = options.now ?? Date.now;
  const nowSec = () => Math.floor(now() / 1000);
  const ids = createIdGenerator({ style: 'random', length: 22, separator: '', seed: options.quirks?.seed ?? 1 });
  const outbox: OutboxEntry[] = [];
  const templates = [...(options.templates ?? [])];
  const suppressions = {
    bounces: new Map<string, SendgridBounce>(),
    spamReports: new Map<string, SendgridSpamReport>(),
    unsubscribes: new Map<string, SendgridUnsubscribe>(),
  };
  const limit = options.rateLimit;
  const intervalMs = limit?.intervalMs ?? 1000;
  const bucket = limit
    ? new TokenBucket({
        capacity: limit.requests,
        refillPerSecond: (limit.requests * 1000) / intervalMs,
        now,
        respond: ({ retryAfterMs }) =>
          Response.json(
            { errors: [{ field: null, message: 'too many requests' }] },
            {
              status: 429,
              headers: {
                'X-RateLimit-Limit': String(limit.requests),
                'X-RateLimit-Remaining': '0',
                'X-RateLimit-Reset': String(Math.ceil((now() + retryAfterMs) / 1000)),
              },
            },
          ),
      })
    : undefined;

  let publicKey: string | undefined;
  let sender: WebhookSender<SandboxEvent[]> | undefined;
  if (options.webhook) {
    let privateKey = options.webhook.privateKey;
    if (!privateKey) {
      const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      privateKey = pair.privateKey;
      publicKey = pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    }
    sender = new WebhookSender<SandboxEvent[]>({
      url: options.webhook.url,
      signer: sendgridSigner({ privateKey }),
      headers: { 'content-type': 'application/json', 'user-agent': 'SendGrid Event API' },
      now,
      ...(options.webhook.fetch ? { fetch: options.webhook.fetch } : {}),
    });
  }
  const random = seededRandom(options.quirks?.seed ?? 1);
  let eventCount = 0;

  function deliver(events: SandboxEvent[]): void {
    for (const event of events) {
      if (event.event === 'bounce')
        suppressions.bounces.set(event.email, {
          created: Number(event.timestamp),
          email: event.email,
          reason: String(event.reason),
          status: String(event.status),
        });
      if (event.event === 'spamreport')
        suppressions.spamReports.set(event.email, { created: Number(event.timestamp), email: event.email, ip: '127.0.0.1' });
    }
    if (!sender) return;
    const batch: SandboxEvent[] = [];
    for (const event of events) {
      batch.push(event);
      eventCount += 1;
      if (options.quirks?.duplicateEvery && eventCount % options.quirks.duplicateEvery === 0) batch.push(event);
    }
    if (options.quirks?.shuffle) batch.sort(() => random() - 0.5);
    sender.send(batch);
  }

  const found = <T>(value: T | undefined) => (value === undefined ? [] : [value]);
  // SendGrid answers a delete with 204, whether or not the address was listed.
  const noContent = (_deleted: boolean) => new Response(null, { status: 204 });
  const sandbox = defineSandbox(
    sendgridConnector,
    {
      sendMail: ({ params }) => {
        const errors = checkMail(params);
        if (errors.length > 0) return sendgridErrorResponse(400, errors);
        const messageId = ids.next('');
        outbox.push({ messageId, mail: params });
        deliver(eventsFor(params, messageId, nowSec()));
        return new Response(null, { status: 202, headers: { 'X-Message-Id': messageId } });
      },
      listBounces: ({ params }) => [...suppressions.bounces.values()].filter((b) => !params.email || b.email === params.email),
      getBounce: ({ params }) => found(suppressions.bounces.get(params.email)),
      deleteBounce: ({ params }) => noContent(suppressions.bounces.delete(params.email)),
      listSpamReports: ({ params }) => [...suppressions.spamReports.values()].filter((s) => !params.email || s.email === params.email),
      getSpamReport: ({ params }) => found(suppressions.spamReports.get(params.email)),
      deleteSpamReport: ({ params }) => noContent(suppressions.spamReports.delete(params.email)),
      listGlobalUnsubscribes: ({ params }) =>
        [...suppressions.unsubscribes.values()].filter((u) => !params.email || u.email === params.email),
      getGlobalUnsubscribe: ({ params }) => (suppressions.unsubscribes.has(params.email) ? { recipient_email: params.email } : {}),
      addGlobalUnsubscribes: ({ params }) => {
        for (const email of params.recipient_emails) suppressions.unsubscribes.set(email, { created: nowSec(), email });
        return Response.json({ recipient_emails: params.recipient_emails }, { status: 201 });
      },
      deleteGlobalUnsubscribe: ({ params }) => noContent(suppressions.unsubscribes.delete(params.email)),
      listTemplates: ({ params }) => {
        const kinds = (params.generations ?? 'legacy').split(',');
        return {
          result: templates.filter((t) => kinds.includes(t.generation)).slice(0, params.page_size),
          _metadata: { count: templates.length },
        };
      },
      getTemplate: ({ params }) =>
        templates.find((t) => t.id === params.template_id) ??
        sendgridErrorResponse(404, [{ field: null, message: 'resource not found', help: null }]),
    },
    {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(bucket ? { rateLimit: bucket } : {}),
      async before({ request }) {
        if (request.headers.get('authorization') !== `Bearer ${apiKey}`) {
          return sendgridErrorResponse(401, [
            { field: null, message: 'The provided authorization grant is invalid, expired, or revoked', help: null },
          ]);
        }
        const size = (await request.clone().arrayBuffer()).byteLength;
        if (size > SENDGRID_MAX_MESSAGE_BYTES)
          return sendgridErrorResponse(413, [{ field: null, message: 'content too large', help: null }]);
        return undefined;
      },
      invalid: (error) =>
        sendgridErrorResponse(
          400,
          error.issues.map((issue) => ({ field: issue.path.join('.') || null, message: issue.message, help: null })),
        ),
      refuse: (unknown) =>
        sendgridErrorResponse(
          400,
          unknown.map((field) => ({ field, message: 'is not a recognized field', help: null })),
        ),
      after(response) {
        if (!limit || !bucket || response.headers.has('X-RateLimit-Limit')) return response;
        const headers = new Headers(response.headers);
        headers.set('X-RateLimit-Limit', String(limit.requests));
        headers.set('X-RateLimit-Remaining', String(bucket.remaining));
        headers.set('X-RateLimit-Reset', String(Math.ceil((now() + intervalMs) / 1000)));
        return new Response(response.body, { status: response.status, headers });
      },
    },
  );
  return {
    handlers: sandbox.handlers,
    origin: sandbox.origin,
    apiKey,
    outbox,
    suppressions,
    ...(publicKey ? { publicKey } : {}),
    webhooks: { deliveries: sender?.deliveries ?? [], flush: () => sender?.flush() ?? Promise.resolve() },
    reset() {
      outbox.length = 0;
      for (const list of Object.values(suppressions)) list.clear();
      if (sender) sender.deliveries.length = 0;
      bucket?.reset();
    },
  };
}
