/** Webhook signing: the counterpart of each verifier, for sandboxes and tests. Providers' signers live with their connectors. */
export { type EcdsaSignerOptions, ecdsaSigner } from './ecdsa-signer.js';
export { type HmacSignerOptions, hmacSigner } from './hmac-signer.js';
export type { SignedValues } from './signed-delivery.js';
export { type StandardWebhooksSignerOptions, standardWebhooksSigner } from './standard-webhooks-signer.js';
export type { SignInput, WebhookSigner } from './webhook-signer.js';
