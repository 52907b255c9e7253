import type { IncomingMessage } from 'node:http';
import { errorReporter, maxBodyBytes, type WebhookAdapterOptions } from '../http/adapter-options.js';
import { type DeliveryTarget, handleDelivery } from '../http/handle-delivery.js';
import { errorResponse, type WebhookResponse } from '../http/webhook-response.js';
import { requestUrl } from '../node/request-url.js';
import { bodyTooLarge } from '../receiver/payload-error.js';
import type { RawBody } from '../verify/types.js';
import { WebhookVerificationError } from '../verify/webhook-verification-error.js';

/** Options for {@link createFastifyPlugin}. */
export interface FastifyPluginOptions extends WebhookAdapterOptions {
  /** The route's path, e.g. `/webhooks/stripe`. */
  path: string;
  /** The URL the provider called, when a proxy changes it and the scheme signs it (HubSpot v3). Default: from Host and X-Forwarded-* headers. */
  publicUrl?: string | ((request: FastifyLikeRequest) => string);
}

/** What the adapter reads of a Fastify request (Fastify's own `FastifyRequest` fits). */
export interface FastifyLikeRequest {
  body: unknown;
  method: string;
  raw: IncomingMessage;
}

/** What the adapter calls on a Fastify reply. */
export interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  headers(values: Record<string, string>): FastifyLikeReply;
  send(payload: string): unknown;
}

type ContentParser = (request: unknown, body: Buffer, done: (error: Error | null, body?: Buffer) => void) => void;

/** What the plugin calls on the Fastify instance it is registered in. */
export interface FastifyLikeInstance {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(type: string, options: { parseAs: 'buffer'; bodyLimit: number }, parser: ContentParser): void;
  all(path: string, handler: (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<unknown>): void;
  setErrorHandler(handler: (error: { statusCode?: number }, request: unknown, reply: FastifyLikeReply) => unknown): void;
}

/**
 * Serves a receiver with Fastify: `app.register(createFastifyPlugin(receiver, { path: '/webhooks/stripe' }))`.
 * Fastify parses JSON bodies by default, and a parsed body cannot be checked
 * against a signature over the raw bytes; the plugin's route keeps the raw
 * bytes instead. Inside the plugin only: the rest of your app still parses JSON.
 */
export function createFastifyPlugin(receiver: DeliveryTarget, options: FastifyPluginOptions) {
  const limit = maxBodyBytes(options);
  const report = errorReporter(options);
  const handler = createFastifyHandler(receiver, { ...options, onError: report });
  // Not wrapped in fastify-plugin on purpose: Fastify's encapsulation keeps these parsers to this plugin's routes.
  return async function junctionWebhooks(fastify: FastifyLikeInstance): Promise<void> {
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: limit }, (_request, body, done) => done(null, body));
    // Every method: anything but POST is answered 405, as by the other adapters.
    fastify.all(options.path, handler);
    // Fastify refuses a body over the limit before the handler runs: answer it as the other adapters do.
    fastify.setErrorHandler((error, _request, reply) => {
      const refused = error.statusCode === 413 ? bodyTooLarge(limit) : error;
      if (refused !== error) report(refused);
      return send(reply, errorResponse(refused));
    });
  };
}

/**
 * A Fastify route handler for a receiver, for a route you declare yourself.
 * The route must keep the raw body (a content-type parser with
 * `parseAs: 'buffer'`); a body Fastify already parsed is answered with a
 * 500 that says what to change. {@link createFastifyPlugin} sets this up.
 */
export function createFastifyHandler(receiver: DeliveryTarget, options: Omit<FastifyPluginOptions, 'path'> = {}) {
  const report = errorReporter(options);
  return async (request: FastifyLikeRequest, reply: FastifyLikeReply): Promise<unknown> => {
    const response = await handleDelivery(
      receiver,
      request.method,
      async () => {
        const url = typeof options.publicUrl === 'function' ? options.publicUrl(request) : (options.publicUrl ?? requestUrl(request.raw));
        return { body: rawBodyOf(request), headers: request.raw.headers, method: request.method, url };
      },
      report,
    );
    return send(reply, response);
  };
}

function send(reply: FastifyLikeReply, response: WebhookResponse): unknown {
  return reply.code(response.status).headers(response.headers).send(response.body);
}

function rawBodyOf(request: FastifyLikeRequest): RawBody {
  const { body } = request;
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  throw new WebhookVerificationError(
    'Fastify parsed the webhook body into an object, and re-serializing it cannot reproduce the bytes that were signed. ' +
      "Serve the route with app.register(createFastifyPlugin(receiver, { path: '/webhooks/…' })), which keeps the raw body, " +
      "or give your route's plugin a raw parser: fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => done(null, body)).",
    { reason: 'body_not_raw' },
  );
}
