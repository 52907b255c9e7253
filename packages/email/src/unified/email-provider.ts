import type { EmailEvent } from './events.js';
import type { BatchItemResult, EmailMessageInput, SendResult } from './message.js';
import type { Suppression, SuppressionReason } from './suppression.js';

/** Options for one call through the unified interface. */
export interface EmailRequestOptions {
  signal?: AbortSignal;
  /**
   * One key per logical send (e.g. your notification's id). A provider that
   * honours keys (Resend) sends once however often the call is retried; one
   * that does not (SendGrid) carries it in the message's metadata so its
   * events can be matched.
   */
  idempotencyKey?: string;
  /** Refuse recipients on a suppression list before sending (a lookup per recipient): rejects with `SuppressedRecipientError`. */
  checkSuppressions?: boolean;
}

/** The suppression lists: read, add, remove. */
export interface SuppressionsApi {
  /** The addresses suppressed, optionally for one reason. */
  list(reason?: SuppressionReason, options?: EmailRequestOptions): AsyncIterable<Suppression>;
  /** Whether `email` is suppressed, and why. */
  get(email: string, options?: EmailRequestOptions): Promise<Suppression | null>;
  /** Stops sending to `email` by hand: the provider's own manual list (SendGrid's global unsubscribes, Resend's manual suppressions). */
  add(email: string, options?: EmailRequestOptions): Promise<void>;
  /** Sends to `email` again: off every list, or only the one for `reason`. Nothing happens when it was on none. */
  remove(email: string, reason?: SuppressionReason, options?: EmailRequestOptions): Promise<void>;
}

/**
 * What a product does with an email provider, whoever it is. An adapter
 * implements it over its provider's client; a feature the provider lacks
 * rejects with `UnsupportedFeatureError`, never silently.
 */
export interface EmailProvider {
  /** The provider's name, e.g. `resend`. */
  readonly name: string;
  /** Sends one message; rejects with a typed error naming the field when it is invalid. */
  send(message: EmailMessageInput, options?: EmailRequestOptions): Promise<SendResult>;
  /** Sends many: one result per message, in order, accepted or refused, never one error for the lot. */
  sendBatch(messages: readonly EmailMessageInput[], options?: EmailRequestOptions): Promise<BatchItemResult[]>;
  readonly suppressions: SuppressionsApi;
  /** The provider's webhook events (a verified payload) as unified ones. */
  readonly events: { normalize(payload: unknown): EmailEvent[] };
}
