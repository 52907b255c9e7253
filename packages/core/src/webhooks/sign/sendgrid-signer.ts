import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { signingTime, type WebhookSigner } from './webhook-signer.js';

/**
 * Signs deliveries as SendGrid's Event Webhook does: a base64 DER
 * ECDSA P-256 / SHA-256 signature over `timestamp + body` in
 * `X-Twilio-Email-Event-Webhook-Signature`, the timestamp (seconds) in
 * `X-Twilio-Email-Event-Webhook-Timestamp`. SendGrid keeps its private key;
 * a sandbox makes its own pair and gives the `sendgrid` verifier the public half.
 */
export function sendgridSigner(options: { privateKey: string | KeyObject }): WebhookSigner {
  const key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  return {
    name: 'SendGrid',
    sign(input) {
      const timestamp = String(Math.floor(signingTime(input.timestamp) / 1000));
      const signature = createSign('sha256').update(timestamp).update(input.body).sign(key, 'base64');
      return { 'X-Twilio-Email-Event-Webhook-Signature': signature, 'X-Twilio-Email-Event-Webhook-Timestamp': timestamp };
    },
  };
}
