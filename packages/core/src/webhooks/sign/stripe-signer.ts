import { part } from '../verify/signed-parts.js';
import { hmacSigner } from './hmac-signer.js';
import type { WebhookSigner } from './webhook-signer.js';

/**
 * Signs deliveries as Stripe does: `Stripe-Signature: t=<unix seconds>,v1=<hex>`,
 * HMAC-SHA256 keyed with the whole `whsec_…` secret over `${t}.${body}`.
 * The counterpart of the `stripe` verifier.
 */
export function stripeSigner(options: { secret: string }): WebhookSigner {
  return hmacSigner({
    name: 'stripe',
    secret: options.secret,
    template: [part.timestamp, '.', part.body],
    encoding: 'hex',
    headers: ({ signature, timestamp }) => ({ 'Stripe-Signature': `t=${timestamp},v1=${signature}` }),
  });
}
