import { bearer, type Client, type ClientSettings, createClient, defineConnector, type SecretSource } from '@junction/core';
import { resendErrors } from './resend-errors.js';
import { resendOperations } from './resend-operations.js';
import { RESEND_RATE_LIMIT, resendIdempotencyPolicy, resendRetryPolicy } from './resend-policies.js';
import { resendSuppressionOperations } from './resend-suppressions.js';
import { resendWebhooks } from './resend-webhooks.js';

/**
 * The Resend connector: everything particular to Resend, as data (bearer
 * `re_…` key, JSON, idempotency keys on POST, 2 requests/s, its error body
 * and Svix-signed webhooks). Use it through `createResendClient`, or give it
 * to core's `createWebhookReceiver`.
 */
export const resendConnector = defineConnector({
  name: 'resend',
  baseUrl: 'https://api.resend.com',
  auth: bearer({ field: 'apiKey' }),
  operations: { ...resendOperations, ...resendSuppressionOperations },
  errors: resendErrors,
  retry: resendRetryPolicy,
  rateLimit: RESEND_RATE_LIMIT,
  idempotency: resendIdempotencyPolicy,
  webhooks: resendWebhooks,
});

/** The type of the Resend connector. */
export type ResendConnector = typeof resendConnector;

/** Options for {@link createResendClient}. */
export interface ResendClientOptions extends ClientSettings {
  /** An API key (`re_…`), or a function returning the current one. */
  apiKey: SecretSource;
}

/** A typed Resend client: `sendEmail`, `retrieveEmail`, `updateEmail`, `cancelEmail`, `sendBatch`, plus `request()`. */
export type ResendClient = Client<ResendConnector>;

/**
 * Creates a Resend client. Sends carry an `Idempotency-Key` reused across
 * retries (pass your own with `{ idempotencyKey }`), calls are paced to
 * Resend's 2 requests/s and wait on 429, errors are `ApiError`s with
 * Resend's error `name` as `code`.
 *
 * @example
 * const resend = createResendClient({ apiKey: process.env.RESEND_API_KEY! });
 * const { id } = await resend.sendEmail({ from: 'app@example.com', to: 'jenny@example.com', subject: 'Hi', text: 'Hello' });
 */
export function createResendClient(options: ResendClientOptions): ResendClient {
  const { apiKey, ...settings } = options;
  return createClient(resendConnector, { ...settings, credentials: { apiKey } });
}
