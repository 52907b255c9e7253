import {
  type AuthScheme,
  bearer,
  type CallOptions,
  type Client,
  type ClientSettings,
  ConfigurationError,
  createClient,
  defineConnector,
  type SecretSource,
} from '@junction/core';
import { isSendgridOutcomeUnknownError, SendgridOutcomeUnknownError, sendgridErrors, sendOutcomeUnknown } from './sendgrid-errors.js';
import { sendgridOperations } from './sendgrid-operations.js';
import { sendgridRateLimitPolicy, sendgridRetryPolicy } from './sendgrid-policies.js';
import type { SendMailInput, SendMailOutput } from './sendgrid-schemas.js';
import { sendgridTemplateOperations } from './sendgrid-templates.js';
import { sendgridWebhooks } from './sendgrid-webhooks.js';

/** SendGrid's global API host. */
export const SENDGRID_GLOBAL_URL = 'https://api.sendgrid.com';
/** The host for EU-pinned (regional) subusers. */
export const SENDGRID_EU_URL = 'https://api.eu.sendgrid.com';

/** What a SendGrid client authenticates with. */
export interface SendgridCredentials {
  /** An API key (`SG.…`), or a function returning the current one. */
  apiKey: SecretSource;
}

/** SendGrid's API-key auth: `Authorization: Bearer SG.…`; a key of another shape is refused up front. */
export function sendgridApiKey(): AuthScheme<SendgridCredentials> {
  const scheme = bearer({ field: 'apiKey' });
  return {
    kind: 'bearer',
    create(credentials) {
      const apiKey = credentials?.apiKey;
      if (typeof apiKey === 'string' && !apiKey.startsWith('SG.')) {
        throw new ConfigurationError('A SendGrid API key starts with "SG." (Settings → API Keys); this one does not.');
      }
      return scheme.create(credentials);
    },
  };
}

/**
 * The SendGrid connector: Mail Send and the suppression lists, SendGrid's
 * rate-limit headers, its error body, no idempotency key (none exists), and
 * the Signed Event Webhook. Use it through `createSendgridClient`.
 */
export const sendgridConnector = defineConnector({
  name: 'sendgrid',
  baseUrl: SENDGRID_GLOBAL_URL,
  auth: sendgridApiKey(),
  operations: { ...sendgridOperations, ...sendgridTemplateOperations },
  errors: sendgridErrors,
  retry: sendgridRetryPolicy,
  rateLimit: sendgridRateLimitPolicy,
  webhooks: sendgridWebhooks,
});

/** The type of the SendGrid connector. */
export type SendgridConnector = typeof sendgridConnector;

/** Options for {@link createSendgridClient}. */
export interface SendgridClientOptions extends ClientSettings {
  /** An API key (`SG.…`), or a function returning the current one. */
  apiKey: SecretSource;
  /** `eu` for EU-pinned subusers (https://api.eu.sendgrid.com). Default `global`. `baseUrl` wins over it. */
  region?: 'global' | 'eu';
  /**
   * Retry a send whose outcome is unknown (a reset after sending, a timeout,
   * a 5xx) like any other failure. SendGrid takes no idempotency key, so this
   * may deliver a message twice. Default `false`: such a send fails with a
   * `SendgridOutcomeUnknownError` and is not repeated.
   */
  retryUnsafeSends?: boolean;
}

/** A typed SendGrid client: `sendMail`, the suppression and template operations, and `request()`. */
export type SendgridClient = Client<SendgridConnector>;

/**
 * Creates a SendGrid client. `sendMail` resolves to `{ messageId }` (the
 * `X-Message-Id` that later events carry). 429s and refused connections are
 * retried; a send whose outcome is unknown is not (unless `retryUnsafeSends`)
 * and fails with a `SendgridOutcomeUnknownError`.
 *
 * @example
 * const sendgrid = createSendgridClient({ apiKey: process.env.SENDGRID_API_KEY! });
 * const { messageId } = await sendgrid.sendMail({ personalizations: [{ to: [{ email: 'a@example.com' }] }], from: { email: 'me@example.com' }, subject: 'Hi', content: [{ type: 'text/plain', value: 'Hello' }] });
 */
export function createSendgridClient(options: SendgridClientOptions): SendgridClient {
  const { apiKey, region, retryUnsafeSends, baseUrl, ...settings } = options;
  const client = createClient(sendgridConnector, {
    ...settings,
    baseUrl: baseUrl ?? (region === 'eu' ? SENDGRID_EU_URL : SENDGRID_GLOBAL_URL),
    credentials: { apiKey },
  });
  const send = client.sendMail;
  const sendMail = async (input: SendMailInput, callOptions: CallOptions = {}): Promise<SendMailOutput> => {
    try {
      return await send(input, retryUnsafeSends ? { idempotent: true, ...callOptions } : callOptions);
    } catch (error) {
      if (!retryUnsafeSends && !isSendgridOutcomeUnknownError(error) && sendOutcomeUnknown(error))
        throw new SendgridOutcomeUnknownError(error);
      throw error;
    }
  };
  return { ...client, sendMail } as SendgridClient;
}
