export {
  type AnyWebhooksDefinition,
  type DeliveryVerifier,
  defineWebhooks,
  type EventsOf,
  type SecretsOf,
  type WebhooksDefinition,
} from './define-webhooks.js';
export {
  createEventRouter,
  type EventHandlers,
  type EventRouter,
  type EventRouterOptions,
} from './events/event-router.js';
export type {
  AnyEvent,
  EventHandler,
  EventMap,
  EventOutcome,
  EventSchemas,
  EventSource,
  IncomingEvent,
  KnownEvent,
  UnknownEvent,
} from './events/event-types.js';
export {
  EventHandlerError,
  type EventHandlerErrorOptions,
  type HandlerFailure,
  isEventHandlerError,
} from './events/handler-error.js';
export {
  createExpressMiddleware,
  type ExpressLikeRequest,
  type ExpressMiddlewareOptions,
  type ExpressWebhookMiddleware,
} from './express/express-middleware.js';
export {
  createFastifyHandler,
  createFastifyPlugin,
  type FastifyLikeInstance,
  type FastifyLikeReply,
  type FastifyLikeRequest,
  type FastifyPluginOptions,
} from './fastify/fastify-plugin.js';
export { DEFAULT_MAX_BODY_BYTES, type WebhookAdapterOptions } from './http/adapter-options.js';
export type { DeliveryTarget } from './http/handle-delivery.js';
export type { WebhookResponse } from './http/webhook-response.js';
export { createNodeMiddleware, type NodeMiddlewareOptions, type NodeWebhookMiddleware } from './node/node-middleware.js';
export {
  createWebhookReceiver,
  type DefinitionOf,
  type DeliveryOutcome,
  type DeliveryResult,
  type ReadDelivery,
  type ReceivedEventSummary,
  type ReceiverSecrets,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type WebhookReceiverSettings,
  type WebhookSource,
} from './receiver/create-receiver.js';
export type { DeliveryContext } from './receiver/delivery-context.js';
export {
  isWebhookPayloadError,
  WebhookPayloadError,
  type WebhookPayloadErrorOptions,
  type WebhookPayloadReason,
} from './receiver/payload-error.js';
export { createFetchHandler, type FetchHandlerOptions, type FetchWebhookHandler } from './web/fetch-handler.js';
