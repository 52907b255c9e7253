import { hmacSigner, part, type WebhookSigner } from '@junction/core';

/**
 * Signs deliveries as Stripe does: `Stripe-Signature: t=<unix seconds>,v1=<hex>`,
 * HMAC-SHA256 keyed with the whole `whsec_…` secret over `${t}.${body}`.
 * The counterpart of core's `stripe` verifier, for sandboxes and tests.
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
