/** Webhook signing: the counterpart of each verifier, for sandboxes and tests. */
export { type HmacSignerOptions, hmacSigner, type SignedValues } from './hmac-signer.js';
export { hubspotV3Signer } from './hubspot-v3-signer.js';
export { sendgridSigner } from './sendgrid-signer.js';
export { type StandardWebhooksSignerOptions, standardWebhooksSigner } from './standard-webhooks-signer.js';
export { stripeSigner } from './stripe-signer.js';
export type { SignInput, WebhookSigner } from './webhook-signer.js';
