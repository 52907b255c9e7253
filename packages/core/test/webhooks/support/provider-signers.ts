import { hmacSigner, type WebhookSigner } from '../../../src/webhooks/sign/index.js';
import { hubspotSignedUri } from '../../../src/webhooks/verify/presets/hubspot-signed-uri.js';
import { part } from '../../../src/webhooks/verify/signed-parts.js';

// Core holds no provider's signer: these configure its generic signers the way each provider signs, for core's
// own tests of the presets still in core. Stripe's ships with @junction/payments and SendGrid's with
// @junction/email; HubSpot's moves to its category package with its verifier.

/** `Stripe-Signature: t=<unix seconds>,v1=<hex>` over `${t}.${body}`, keyed with the whole `whsec_…` secret. */
export function stripeSigner(secret: string): WebhookSigner {
  return hmacSigner({
    secret,
    template: [part.timestamp, '.', part.body],
    encoding: 'hex',
    headers: ({ signature, timestamp }) => ({ 'Stripe-Signature': `t=${timestamp},v1=${signature}` }),
  });
}

/** HubSpot v3: base64 HMAC-SHA256 of method + URI + body + timestamp (ms); sign with `url`. */
export function hubspotV3Signer(clientSecret: string): WebhookSigner {
  return hmacSigner({
    secret: clientSecret,
    template: [part.method, part.computed(({ url }) => hubspotSignedUri(url ?? '')), part.body, part.timestamp],
    encoding: 'base64',
    timestampUnit: 'milliseconds',
    headers: ({ signature, timestamp }) => ({ 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': timestamp }),
  });
}
