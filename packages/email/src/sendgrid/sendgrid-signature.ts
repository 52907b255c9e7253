import { Buffer } from 'node:buffer';
import type { KeyObject } from 'node:crypto';
import {
  type ClockOption,
  ecdsaSigner,
  ecdsaVerifier,
  fromHeaders,
  type PublicKeyInput,
  part,
  type SignedTemplate,
  type TimestampedWebhook,
  type WebhookSigner,
  type WebhookVerifier,
} from '@junction/core';

// SendGrid's Signed Event Webhook, both ways: the verifier receivers use and the
// signer the sandbox and tests use. The reference is @sendgrid/eventwebhook 8.0.0
// (which the differential test runs); SendGrid's own library only verifies.

/** The header carrying the base64 DER ECDSA P-256 / SHA-256 signature. */
export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
/** The header carrying the signed timestamp (unix seconds, signed as sent). */
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

/** What SendGrid signs: the timestamp header as sent, then the raw body. */
const SIGNED_CONTENT: SignedTemplate = [part.timestamp, part.body];

/** Options for {@link sendgridVerifier}. */
export type SendgridVerifierOptions = (
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
 * Verifies SendGrid's Signed Event Webhook: `X-Twilio-Email-Event-Webhook-Signature`
 * is a base64 DER ECDSA P-256 / SHA-256 signature over `timestamp + rawBody`,
 * the timestamp being `X-Twilio-Email-Event-Webhook-Timestamp`. The public key is
 * the "Verification Key" from Mail Settings → Event Webhook (base64 SPKI DER) or PEM.
 * Accepts and refuses what `@sendgrid/eventwebhook` does, except that old
 * deliveries are refused (SendGrid's library would take a captured one forever).
 */
export function sendgridVerifier(options: SendgridVerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const verifier = ecdsaVerifier({
    ...options,
    name: 'SendGrid',
    fields: fromHeaders({ signature: SENDGRID_SIGNATURE_HEADER, timestamp: SENDGRID_TIMESTAMP_HEADER }),
    template: SIGNED_CONTENT,
    // The library decodes the DER leniently; `sendgridSignature` reads it the same way, into r‖s.
    signatureFormat: 'ieee-p1363',
    signatureReading: { decode: sendgridSignature, expectedFormat: 'base64 of a DER-encoded ECDSA P-256 signature' },
    // The header is signed as sent; its time is read as Number() reads it, and only its age is limited.
    timestampParsing: 'number',
    refuseFuture: false,
    mismatchHint:
      'Use the verification key of the Event Webhook that sends to this URL (Mail Settings → Event Webhook → Signature Verification); it changes when signing is turned off and on again.',
  });
  return {
    name: 'sendgrid',
    verify(input) {
      const result = verifier.verify(input);
      if (result.timestamp === undefined) throw new Error('Junction bug: a verified SendGrid delivery has no timestamp.');
      return { ...result, timestamp: result.timestamp };
    },
  };
}

/**
 * Signs deliveries as SendGrid does: base64 DER ECDSA P-256 / SHA-256 over
 * `timestamp + body`, in the two `X-Twilio-Email-Event-Webhook-*` headers.
 * The counterpart of {@link sendgridVerifier}, for sandboxes and tests.
 */
export function sendgridSigner(options: { privateKey: KeyObject | string }): WebhookSigner {
  return ecdsaSigner({
    name: 'sendgrid',
    privateKey: options.privateKey,
    template: SIGNED_CONTENT,
    headers: ({ signature, timestamp }) => ({ [SENDGRID_SIGNATURE_HEADER]: signature, [SENDGRID_TIMESTAMP_HEADER]: timestamp }),
  });
}

/** The size of each of r and s in a P-256 signature, in bytes. */
const SCALAR_BYTES = 32;

/**
 * A SendGrid signature as `@sendgrid/eventwebhook` reads it, as the 64 bytes
 * r‖s, or `undefined` when that library would refuse it. Both steps are
 * lenient there, so they are here: base64 as Node's `Buffer` decodes it
 * (padding optional, whitespace skipped), and DER as its ECDSA library parses
 * it (leading zeros and short-cut lengths allowed, nothing after the end).
 * None of this lets a signature be forged: r and s are still checked.
 */
export function sendgridSignature(text: string): Uint8Array | undefined {
  const der = Buffer.from(text, 'base64');
  const sequence = element(der, 0x30);
  if (sequence === undefined || sequence.rest.length > 0) return undefined;
  const r = element(sequence.content, 0x02);
  const s = r && element(r.rest, 0x02);
  if (r === undefined || s === undefined || s.rest.length > 0) return undefined;
  const rValue = scalar(r.content);
  const sValue = scalar(s.content);
  return rValue && sValue && Buffer.concat([rValue, sValue]);
}

interface DerElement {
  content: Buffer;
  rest: Buffer;
}

// One tag-length-value. A length that runs past the end takes what there is,
// as the library does; a long-form length without length bytes is refused.
function element(bytes: Buffer, tag: number): DerElement | undefined {
  if (bytes[0] !== tag) return undefined;
  const first = bytes[1] ?? 0;
  let start = 2;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > bytes.length - 2) return undefined;
    length = Number.parseInt(bytes.subarray(2, 2 + count).toString('hex'), 16);
    start = 2 + count;
  }
  const end = Math.min(start + length, bytes.length);
  return { content: bytes.subarray(start, end), rest: bytes.subarray(end) };
}

// A DER INTEGER as a fixed-size scalar: non-negative, non-zero, and small
// enough to be below the curve order's byte size (larger ones never verify).
function scalar(content: Buffer): Buffer | undefined {
  if (content.length === 0 || (content[0] ?? 0) >= 0x80) return undefined;
  let start = 0;
  while (start < content.length && content[start] === 0) start++;
  const digits = content.subarray(start);
  if (digits.length === 0 || digits.length > SCALAR_BYTES) return undefined;
  return Buffer.concat([Buffer.alloc(SCALAR_BYTES - digits.length), digits]);
}
