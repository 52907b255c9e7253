import type { z } from 'zod';
import type { EventSchemas } from './events/event-types.js';
import type { DeliveryContext } from './receiver/delivery-context.js';
import type { WebhookInput } from './verify/types.js';

/**
 * Anything that checks a delivery: the verify module's presets, or your own.
 * `verify` throws (a `WebhookVerificationError`, ideally) when the delivery
 * is not authentic, and may return what it learned (id, timestamp).
 */
export interface DeliveryVerifier {
  /** A short name for messages, e.g. `stripe`. */
  readonly name?: string;
  /** Throws when the delivery is not authentic; may be async. */
  verify(input: WebhookInput): unknown;
}

/**
 * How a provider's webhook deliveries are checked, read and split into
 * events. A connector carries one as `webhooks`; made with {@link defineWebhooks}.
 * Secrets are not part of it: they belong to the user, who passes them when
 * creating a receiver, and `verifier` turns them into a verifier.
 */
export interface WebhooksDefinition<S extends EventSchemas = EventSchemas, TSecrets = undefined, TEnvelope = unknown> {
  /** Scopes event ids in the dedupe store; default: the connector's name. */
  name?: string;
  /**
   * Builds the verifier from the user's secrets (e.g. `(s: { secret: string }) => stripeVerifier(s)`),
   * or is the verifier itself when it needs no user secret.
   */
  verifier: ((secrets: TSecrets) => DeliveryVerifier) | DeliveryVerifier;
  /**
   * The shape every single event has (what `id` and `type` read), checked
   * leniently: unknown keys pass. A delivery whose events do not match is refused.
   */
  envelope: z.ZodType<TEnvelope>;
  /**
   * True when the body is a JSON array of events (HubSpot, SendGrid). For
   * other shapes, use `split`.
   */
  batch?: boolean;
  /**
   * Turns the parsed body into its events, for shapes `batch` does not cover
   * (e.g. `{ events: [...] }`). It sees the delivery too, for a declaration
   * that reads each provider's body its own way (whose verifier said which).
   */
  split?: (body: unknown, delivery: DeliveryContext) => readonly unknown[];
  /**
   * How long after an event the provider may still deliver it again, in ms
   * (Stripe: 3 days). The receiver remembers handled ids this long unless
   * told otherwise, so a late redelivery is still recognised. Unset: the
   * dedupe store's own TTL, which may be shorter than the provider's window.
   */
  redeliveryMs?: number;
  /** The event's id, the dedupe key: Stripe `id`, HubSpot `eventId`, SendGrid `sg_event_id`, Standard Webhooks the `webhook-id` header. */
  id(event: TEnvelope, delivery: DeliveryContext): string | number | undefined;
  /** The event's type, which picks its handlers and schema. */
  type(event: TEnvelope, delivery: DeliveryContext): string | undefined;
  /** The schema of each event type you want typed handlers for. Other types still arrive, as unknown events. */
  events: S;
}

/** Any webhooks declaration, whatever its types. */
// biome-ignore lint/suspicious/noExplicitAny: the widest declaration accepts every secrets and envelope type.
export type AnyWebhooksDefinition = WebhooksDefinition<EventSchemas, any, any>;

/** The event schemas of a declaration. */
export type EventsOf<D> = D extends WebhooksDefinition<infer S, infer _T, infer _E> ? S : EventSchemas;

/** The secrets a declaration's verifier is built from (`undefined` when it needs none). */
export type SecretsOf<D> = D extends WebhooksDefinition<infer _S, infer T, infer _E> ? T : undefined;

/**
 * Declares how a provider's webhooks are verified, parsed and split into
 * typed events, with full inference: `id` and `type` see the envelope's type,
 * and handlers see each event type's schema.
 */
export function defineWebhooks<const S extends EventSchemas, TEnvelope, TSecrets = undefined>(
  definition: WebhooksDefinition<S, TSecrets, TEnvelope>,
): WebhooksDefinition<S, TSecrets, TEnvelope> {
  return definition;
}
