import { randomUUID } from 'node:crypto';
import { defineSandbox, IdempotencyLedger, TokenBucket, type WebhookDelivery } from '@junction/testing';
import type { HttpHandler } from 'msw';
import type { z } from 'zod';
import { resendConnector } from '../resend-connector.js';
import { RESEND_RATE_LIMIT } from '../resend-policies.js';
import type { SendEmailRequest } from '../resend-schemas.js';
import { eventsFor, type ResendSandboxEvent, type ResendSandboxWebhook, resendWebhookSender } from './resend-sandbox-events.js';
import { checkEmail, invalidInput, recipientsOf, resendError, unknownFields, validationError } from './resend-sandbox-rules.js';
import { SuppressionList, suppressionHandlers } from './resend-sandbox-suppressions.js';

/** The key a sandbox accepts unless told otherwise. */
export const RESEND_SANDBOX_API_KEY = 're_sandbox_junction_0000000000';

/** Options for {@link createResendSandbox}. */
export interface ResendSandboxOptions {
  /** The API key requests must carry. Default {@link RESEND_SANDBOX_API_KEY}. */
  apiKey?: string;
  /** Requests per second before a 429. Default Resend's 2; `false` for no limit. */
  rateLimit?: number | false;
  /** Deliver signed events to this endpoint. */
  webhook?: ResendSandboxWebhook;
  /** The clock, in ms. Default `Date.now`. */
  now?: () => number;
}

/** One email the sandbox accepted, as it was sent. */
export interface OutboxEmail {
  id: string;
  /** The request that sent it: a single send or a batch. */
  via: 'sendEmail' | 'sendBatch';
  email: z.output<typeof SendEmailRequest>;
  /** The recipients' addresses, without display names. */
  to: string[];
  /** Tags as name → value, as events carry them. */
  tags: Record<string, string>;
  createdAt: string;
  lastEvent: string;
  scheduledAt: string | null;
}

/** One request the sandbox answered. */
export interface ResendSandboxRequest {
  operation: string;
  status: number;
  /** When it was answered, from the sandbox's clock. */
  at: number;
  idempotencyKey: string | null;
}

/** A local Resend: msw handlers, the outbox, and what a test needs to look inside. */
export interface ResendSandbox {
  readonly handlers: HttpHandler[];
  readonly origin: string;
  readonly apiKey: string;
  /** Every email accepted, oldest first. */
  readonly outbox: readonly OutboxEmail[];
  /** Every request answered, in order (429s, refusals and replays too). */
  readonly requests: readonly ResendSandboxRequest[];
  /** Webhook deliveries so far, and a way to wait for those under way. */
  readonly webhooks: { readonly deliveries: readonly (WebhookDelivery & { svixId: string; type: string })[]; flush(): Promise<void> };
  /** Forgets every email, request, key and token spent (event ids keep counting, so receivers never see one twice). */
  reset(): void;
}

/**
 * A local Resend for tests, built with the sandbox kit from
 * `resendConnector`'s own operations: checks the API key, validates sends
 * Resend's way (422 `validation_error` / `missing_required_field`), keeps an
 * outbox, honours `Idempotency-Key` (replay; another body is 409
 * `invalid_idempotent_request`), answers 429 `rate_limit_exceeded` past 2
 * requests/s with Resend's headers, and with `webhook` delivers signed events.
 */
export function createResendSandbox(options: ResendSandboxOptions = {}): ResendSandbox {
  const apiKey = options.apiKey ?? RESEND_SANDBOX_API_KEY;
  const now = options.now ?? Date.now;
  const outbox: OutboxEmail[] = [];
  const requests: ResendSandboxRequest[] = [];
  const webhook = options.webhook ? resendWebhookSender(options.webhook, now) : undefined;
  let eventCount = 0;
  const perSecond = options.rateLimit === undefined ? (RESEND_RATE_LIMIT.requests ?? 2) : options.rateLimit;
  const bucket =
    perSecond === false
      ? undefined
      : new TokenBucket({
          capacity: perSecond,
          refillPerSecond: perSecond,
          now,
          respond: (info) => {
            const seconds = String(Math.max(1, Math.ceil(info.retryAfterMs / 1000)));
            return resendError(429, 'rate_limit_exceeded', 'Too many requests. You can only make 2 requests per second.', {
              'ratelimit-limit': String(info.limit),
              'ratelimit-remaining': '0',
              'ratelimit-reset': seconds,
              'retry-after': seconds,
            });
          },
        });
  const ledger = new IdempotencyLedger({
    methods: ['POST'],
    scope: (request) => request.headers.get('authorization') ?? '',
    saves: (status) => status < 400 || status >= 500,
    replayHeaders: () => ({}),
    mismatch: () => resendError(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.'),
    inFlight: () =>
      resendError(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress.'),
  });
  const authenticate = (request: Request): Response | undefined => {
    const header = request.headers.get('authorization');
    if (!header) return resendError(401, 'missing_api_key', 'Missing API key in the authorization header.');
    if (header !== `Bearer ${apiKey}`) return resendError(403, 'invalid_api_key', 'API key is invalid.');
    return undefined;
  };
  const record = (operation: string, request: Request, response: Response): Response => {
    requests.push({ operation, status: response.status, at: now(), idempotencyKey: request.headers.get('idempotency-key') });
    return response;
  };
  const accept = (email: z.output<typeof SendEmailRequest>, via: OutboxEmail['via']): { id: string } => {
    const id = randomUUID();
    const createdAt = new Date(now()).toISOString();
    const tags = Object.fromEntries((email.tags ?? []).map((tag) => [tag.name, tag.value]));
    const to = recipientsOf(email);
    outbox.push({
      id,
      via,
      email,
      to,
      tags,
      createdAt,
      lastEvent: email.scheduled_at ? 'scheduled' : 'sent',
      scheduledAt: email.scheduled_at ?? null,
    });
    // A hard bounce or a complaint puts the address on the list, as at Resend.
    for (const address of to) {
      const origin = address.startsWith('bounce@') ? 'bounce' : address.startsWith('complaint@') ? 'complaint' : undefined;
      if (origin) suppressions.add(address, origin, id);
    }
    if (webhook && !email.scheduled_at) {
      const base = { email_id: id, created_at: createdAt, from: email.from, subject: email.subject, ...(email.tags ? { tags } : {}) };
      const events = eventsFor(base, to);
      for (const event of options.webhook?.reversed ? events.reverse() : events) {
        eventCount += 1;
        const sent: ResendSandboxEvent = {
          svixId: `msg_${String(eventCount).padStart(6, '0')}`,
          type: event.type,
          created_at: createdAt,
          data: event.data,
        };
        webhook.send(sent);
        if (options.webhook?.duplicates) webhook.send(sent);
      }
    }
    return { id };
  };
  const find = (id: string) => outbox.find((entry) => entry.id === id);
  const suppressions = new SuppressionList(now);
  const notFound = () => resendError(404, 'not_found', 'Email not found');

  const sandbox = defineSandbox(
    resendConnector,
    {
      sendEmail: ({ params }) => checkEmail(params) ?? accept(params, 'sendEmail'),
      // All or nothing, as Resend answers a batch: the first email it would refuse refuses the lot.
      sendBatch: ({ params }) => {
        for (const email of params) {
          const refused = checkEmail(email);
          if (refused) return refused;
        }
        return { data: params.map((email) => accept(email, 'sendBatch')) };
      },
      retrieveEmail: ({ params }) => {
        const entry = find(params.id);
        if (!entry) return notFound();
        const { email } = entry;
        return {
          object: 'email',
          id: entry.id,
          to: entry.to,
          from: email.from,
          created_at: entry.createdAt,
          subject: email.subject,
          html: email.html ?? null,
          text: email.text ?? null,
          last_event: entry.lastEvent,
          scheduled_at: entry.scheduledAt,
        };
      },
      updateEmail: ({ params }) => {
        const entry = find(params.id);
        if (!entry) return notFound();
        if (entry.lastEvent !== 'scheduled') return validationError('Only scheduled emails can be updated.');
        entry.scheduledAt = params.scheduled_at ?? entry.scheduledAt;
        return { object: 'email', id: entry.id };
      },
      cancelEmail: ({ params }) => {
        const entry = find(params.id);
        if (!entry) return notFound();
        if (entry.lastEvent !== 'scheduled') return validationError('Only scheduled emails can be canceled.');
        entry.lastEvent = 'canceled';
        return { object: 'email', id: entry.id };
      },
      ...suppressionHandlers(suppressions),
    },
    {
      before: ({ request }) => authenticate(request),
      invalid: (error) => invalidInput(error),
      refuse: (names) => unknownFields(names),
      idempotency: ledger,
      ...(bucket ? { rateLimit: bucket } : {}),
      after: (response, { operation, request }) => record(operation, request, response),
    },
  );

  return {
    handlers: sandbox.handlers,
    origin: sandbox.origin,
    apiKey,
    outbox,
    requests,
    webhooks: { deliveries: webhook?.deliveries ?? [], flush: () => webhook?.flush() ?? Promise.resolve() },
    reset() {
      outbox.length = 0;
      requests.length = 0;
      ledger.clear();
      suppressions.clear();
      bucket?.reset();
      if (webhook) webhook.deliveries.length = 0;
    },
  };
}
