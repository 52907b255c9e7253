import { standardWebhooksSecret } from '../verify/secret-decoding.js';
import { part } from '../verify/signed-parts.js';
import { hmacSigner } from './hmac-signer.js';
import type { WebhookSigner } from './webhook-signer.js';

/** Options for {@link standardWebhooksSigner}. */
export interface StandardWebhooksSignerOptions {
  /** `whsec_` + base64, as the sender's dashboard shows it. */
  secret: string;
  /** The header names' prefix: `webhook` (the standard), or `svix` (Svix, Resend, Clerk). Default `webhook`. */
  prefix?: 'webhook' | 'svix';
}

/**
 * Signs deliveries by the Standard Webhooks spec: `webhook-id`,
 * `webhook-timestamp` (seconds) and `webhook-signature: v1,<base64>` over
 * `${id}.${timestamp}.${body}`. The counterpart of the `standardWebhooks` verifier.
 */
export function standardWebhooksSigner(options: StandardWebhooksSignerOptions): WebhookSigner {
  const prefix = options.prefix ?? 'webhook';
  return hmacSigner({
    name: 'Standard Webhooks',
    secret: options.secret,
    decodeSecret: standardWebhooksSecret,
    template: [part.id, '.', part.timestamp, '.', part.body],
    encoding: 'base64',
    headers: ({ signature, timestamp, id }) => ({
      [`${prefix}-id`]: id,
      [`${prefix}-timestamp`]: timestamp,
      [`${prefix}-signature`]: `v1,${signature}`,
    }),
  });
}
