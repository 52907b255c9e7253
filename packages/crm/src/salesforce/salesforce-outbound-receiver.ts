import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEventRouter, type EventHandlers, type EventRouter, type EventSchemas, type IdempotencyStore } from '@junction/core';
import { z } from 'zod';
import {
  checkOrganization,
  isOutboundMessageError,
  OUTBOUND_ACK,
  type OutboundMessage,
  organizationIds,
  parseOutboundMessage,
  soapFault,
} from './salesforce-outbound.js';

/** The payload of an outbound message event: the notification with the message's envelope fields. */
export const OutboundEventPayload = z.looseObject({
  notificationId: z.string(),
  sobject: z.string(),
  organizationId: z.string(),
  actionId: z.string(),
  record: z.looseObject({ Id: z.string().optional() }).catchall(z.string().nullable()),
});
/** The payload of an outbound message event. */
export type OutboundEventPayload = z.infer<typeof OutboundEventPayload>;

/** Typed events for the common objects; an event's type is its object's name. Other objects arrive as unknown events. */
export const SALESFORCE_OUTBOUND_EVENTS = {
  Contact: OutboundEventPayload,
  Account: OutboundEventPayload,
  Opportunity: OutboundEventPayload,
  Lead: OutboundEventPayload,
} as const;

/** Salesforce redelivers for up to 24 hours: remember handled notification ids at least that long. */
const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Options for {@link createOutboundMessageReceiver}. */
export interface OutboundReceiverOptions<S extends EventSchemas> {
  /** The org (or orgs) allowed to send, 15- or 18-character ids. Messages from any other are refused. */
  organizationId: string | readonly string[];
  /** The event schemas by object name. Default {@link SALESFORCE_OUTBOUND_EVENTS}. */
  events?: S;
  /** Handlers and dedupe shared with another receiver or poller. Replaces `store` and `ttlMs`. */
  router?: EventRouter<S>;
  /** Where handled notification ids are kept. Default: memory. Share one across processes. */
  store?: IdempotencyStore;
  /** How long a handled id is kept. Default 24 h, Salesforce's redelivery window. */
  ttlMs?: number;
  /** The largest body accepted. Default 1 MiB. */
  maxBodyBytes?: number;
}

/** What to answer Salesforce. */
export interface OutboundResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The message, when it was read. */
  message?: OutboundMessage;
}

/** Receives outbound messages: typed handlers, dedupe by notification id, and the Ack only after every handler succeeded. */
export interface OutboundMessageReceiver<S extends EventSchemas> extends EventHandlers<S> {
  /** Handles one delivery's raw body; answers the Ack, or a SOAP fault (403 wrong org, 400 malformed, 500 a handler failed). */
  handle(body: string): Promise<OutboundResponse>;
  /** The Fetch API adapter: `Request` → `Response` (Hono, Next.js route handlers, Bun, Deno, workers). */
  fetch(request: Request): Promise<Response>;
  /** The node:http adapter. */
  node(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

const XML = { 'content-type': 'text/xml; charset=utf-8' };

/**
 * Makes an Outbound Message receiver. Authenticity rests on the
 * `OrganizationId` check (Salesforce signs nothing): add an IP allow-list or
 * a client certificate in front of it where you can.
 */
export function createOutboundMessageReceiver<S extends EventSchemas = typeof SALESFORCE_OUTBOUND_EVENTS>(
  options: OutboundReceiverOptions<S>,
): OutboundMessageReceiver<S> {
  const allowed = organizationIds(options.organizationId);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const router =
    options.router ??
    createEventRouter<S>({
      events: (options.events ?? SALESFORCE_OUTBOUND_EVENTS) as S,
      namespace: 'salesforce:outbound',
      ttlMs: options.ttlMs ?? DEDUPE_TTL_MS,
      ...(options.store ? { store: options.store } : {}),
    });

  const handle = async (body: string): Promise<OutboundResponse> => {
    let message: OutboundMessage;
    try {
      if (Buffer.byteLength(body) > maxBodyBytes)
        return { status: 413, headers: XML, body: soapFault('Client', 'The message is too large.') };
      message = parseOutboundMessage(body);
      checkOrganization(message, allowed);
    } catch (error) {
      if (!isOutboundMessageError(error)) throw error;
      return { status: error.reason === 'wrong_organization' ? 403 : 400, headers: XML, body: soapFault('Client', error.message) };
    }
    try {
      // In order, one at a time: a failure stops here, and the redelivery skips what was already handled.
      for (const n of message.notifications) {
        await router.dispatch({
          id: n.id,
          type: n.sobject,
          payload: {
            notificationId: n.id,
            sobject: n.sobject,
            organizationId: message.organizationId,
            actionId: message.actionId,
            record: n.record,
          },
        });
      }
    } catch {
      // No Ack: Salesforce delivers the message again. The handler's error stays with the caller's own logging.
      return { status: 500, headers: XML, body: soapFault('Server', 'A handler failed; the message will be redelivered.'), message };
    }
    return { status: 200, headers: XML, body: OUTBOUND_ACK, message };
  };

  return {
    on: router.on.bind(router),
    onAny: router.onAny.bind(router),
    onUnknown: router.onUnknown.bind(router),
    handle,
    async fetch(request) {
      if (request.method !== 'POST') return new Response(soapFault('Client', 'Use POST.'), { status: 405, headers: XML });
      const out = await handle(await request.text());
      return new Response(out.body, { status: out.status, headers: out.headers });
    },
    async node(req, res) {
      const body = req.method === 'POST' ? await readNodeBody(req, maxBodyBytes) : undefined;
      const answer =
        req.method !== 'POST'
          ? { status: 405, headers: XML, body: soapFault('Client', 'Use POST.') }
          : body === undefined
            ? { status: 413, headers: XML, body: soapFault('Client', 'The message is too large.') }
            : await handle(body);
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    },
  };
}

/** The body as text, or undefined when it passes `max` bytes (reading stops there). */
async function readNodeBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
