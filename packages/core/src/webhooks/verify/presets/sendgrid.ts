import { ecdsaMatcher } from '../ecdsa-matcher.js';
import { keyList } from '../key-list.js';
import { type PublicKeyInput, p256PublicKey } from '../public-key.js';
import { fromHeaders } from '../signed-fields.js';
import { part, signedContent } from '../signed-parts.js';
import type { TimestampedWebhook, WebhookVerifier } from '../types.js';
import { type VerificationFlow, verifyDelivery, withTimestamp } from '../verification-flow.js';
import { type ClockOption, toleranceMs } from '../verifier-options.js';

/** Options for {@link sendgrid}. */
export type SendGridVerifierOptions = (
  | { publicKey: PublicKeyInput; publicKeys?: never }
  | { publicKeys: readonly PublicKeyInput[]; publicKey?: never }
) &
  ClockOption & {
    /** How far the timestamp may be from now, either way, in seconds. Default 300. */
    toleranceSec?: number;
  };

/**
 * Verifies SendGrid's signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature`
 * is a base64 DER ECDSA P-256 / SHA-256 signature over `timestamp + rawBody`,
 * the timestamp being `X-Twilio-Email-Event-Webhook-Timestamp`. The public key is
 * the "Verification Key" from Mail Settings → Event Webhook (base64 SPKI DER) or PEM.
 */
export function sendgrid(options: SendGridVerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const keys = keyList<PublicKeyInput>(options.publicKey, options.publicKeys, ['publicKey', 'publicKeys']);
  const flow: VerificationFlow = {
    provider: 'SendGrid',
    fields: fromHeaders({
      signature: 'X-Twilio-Email-Event-Webhook-Signature',
      timestamp: 'X-Twilio-Email-Event-Webhook-Timestamp',
    }),
    content: signedContent([part.timestamp, part.body]),
    matcher: ecdsaMatcher(keys.map(p256PublicKey), 'der', 'base64'),
    timestampUnit: 'seconds',
    toleranceMs: toleranceMs(options.toleranceSec, 1000, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: [
      'Use the verification key of the Event Webhook that sends to this URL (Mail Settings → Event Webhook → Signature Verification); it changes when signing is turned off and on again.',
    ],
  };
  return { name: 'sendgrid', verify: (input) => withTimestamp(verifyDelivery(flow, input)) };
}
