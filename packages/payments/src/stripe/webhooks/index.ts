export { StripeEventEnvelope, type StripeEventOf, stripeEventSchema } from './event-schema.js';
export { cursorOf, type ListSinceOptions, listEventsSince, type StripeEventPage } from './poll-events.js';
export {
  STRIPE_EVENT_SCHEMAS,
  type StripeEventObject,
  type StripeEventSchemas,
  type StripeEventType,
} from './stripe-event-schemas.js';
export { type StripePollOptions, stripeEventsPoll, stripePoll } from './stripe-poll.js';
export { stripeSigner } from './stripe-signer.js';
export { type StripeWebhookSecrets, stripeWebhooks } from './stripe-webhooks.js';
