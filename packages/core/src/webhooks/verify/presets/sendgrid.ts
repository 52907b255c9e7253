import { ecdsaMatcher } from '../ecdsa-matcher.js';
import { keyList } from '../key-list.js';
import { type PublicKeyInput, p256PublicKey } from '../public-key.js';
import { fromHeaders } from '../signed-fields.js';
import { part, signedContent } from '../signed-parts.js';
import { numberReading, type TimestampRule } from '../timestamp.js';
import type { TimestampedWebhook, WebhookVerifier } from '../types.js';
import { type VerificationFlow, verifyDelivery, withTimestamp } from '../verification-flow.js';
import { type ClockOption, toleranceMs } from '../verifier-options.js';
import { sendgridSignature } from './sendgrid-signature.js';

/** Options for {@link sendgrid}. */
export type SendGridVerifierOptions = (
  | { publicKey: PublicKeyInput; publicKeys?: never }
  | { publicKeys: readonly PublicKeyInput[]; publicKey?: never }
) &
  ClockOption & {
    /**
     * How long ago the timestamp may be, in whole seconds. Default 300.
     * SendGrid's library checks no time at all; a timestamp ahead of the clock is accepted.
     */
    toleranceSec?: number;
  };

/**
 * SendGrid signs the timestamp header as sent. Its library never reads the
 * time, so it would take a captured delivery forever; this preset reads it as
 * a number of seconds and refuses one older than the tolerance.
 */
const SENDGRID_TIMESTAMP: TimestampRule = {
  unit: 'seconds',
  read: numberReading,
  signed: (sent) => sent,
  refuseFuture: false,
};

/**
 * Verifies SendGrid's signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature`
 * is a base64 DER ECDSA P-256 / SHA-256 signature over `timestamp + rawBody`,
 * the timestamp being `X-Twilio-Email-Event-Webhook-Timestamp`. The public key is
 * the "Verification Key" from Mail Settings → Event Webhook (base64 SPKI DER) or PEM.
 * Accepts and refuses what `@sendgrid/eventwebhook` does, except that old
 * deliveries are refused (see docs/webhooks.md).
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
    matcher: ecdsaMatcher(keys.map(p256PublicKey), 'ieee-p1363', 'base64', {
      decode: sendgridSignature,
      expectedFormat: 'base64 of a DER-encoded ECDSA P-256 signature',
    }),
    timestamp: SENDGRID_TIMESTAMP,
    toleranceMs: toleranceMs(options.toleranceSec, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: [
      'Use the verification key of the Event Webhook that sends to this URL (Mail Settings → Event Webhook → Signature Verification); it changes when signing is turned off and on again.',
    ],
  };
  return { name: 'sendgrid', verify: (input) => withTimestamp(verifyDelivery(flow, input)) };
}
