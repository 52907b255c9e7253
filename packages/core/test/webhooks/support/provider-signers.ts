import { hmacSigner, type WebhookSigner } from '../../../src/webhooks/sign/index.js';
import { part } from '../../../src/webhooks/verify/signed-parts.js';

// Core holds no provider's signer: this configures its generic signer the way Stripe signs, for core's own
// tests of the generic verifiers. Stripe's real signer ships with @junction/payments, SendGrid's with
// @junction/email and HubSpot's with @junction/crm.

/** `Stripe-Signature: t=<unix seconds>,v1=<hex>` over `${t}.${body}`, keyed with the whole `whsec_…` secret. */
export function stripeSigner(secret: string): WebhookSigner {
  return hmacSigner({
    secret,
    template: [part.timestamp, '.', part.body],
    encoding: 'hex',
    headers: ({ signature, timestamp }) => ({ 'Stripe-Signature': `t=${timestamp},v1=${signature}` }),
  });
}
