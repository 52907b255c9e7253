import { hmacMatcher } from './hmac-matcher.js';
import { keyList } from './key-list.js';
import { type SecretInput, utf8Secret } from './secret-decoding.js';
import type { FieldReader } from './signed-fields.js';
import { type SignedTemplate, signedContent } from './signed-parts.js';
import { digitsTimestamp } from './timestamp.js';
import type { SignatureEncoding, TimestampUnit, VerifiedWebhook, WebhookVerifier } from './types.js';
import { type VerificationFlow, verifyDelivery } from './verification-flow.js';
import { type ClockOption, toleranceMs } from './verifier-options.js';
import { whitespaceHint } from './whitespace-hint.js';

/** One secret, or several at once during a rotation. */
export type SecretOption = { secret: SecretInput; secrets?: never } | { secrets: readonly SecretInput[]; secret?: never };

/** Options for {@link hmacVerifier}. */
export type HmacVerifierOptions = SecretOption &
  ClockOption & {
    /** Who sends these webhooks, for messages and logs. Default `webhook`. */
    name?: string;
    /** Where the signatures, timestamp and id are in the headers: {@link fromHeaders}, {@link stripeStyleFields}, or your own. */
    fields: FieldReader;
    /** The signed content, e.g. `[part.timestamp, '.', part.body]`. */
    template: SignedTemplate;
    /** How the signature is written: `hex`, `base64` or `base64url`. */
    encoding: SignatureEncoding;
    /** Turns a text secret into key bytes. Default: its UTF-8 bytes; {@link standardWebhooksSecret} for `whsec_` + base64. */
    decodeSecret?: (secret: string) => Uint8Array;
    /** How the timestamp header counts. Default `seconds`. */
    timestampUnit?: TimestampUnit;
    /** How far the timestamp may be from now, either way, in seconds. Default 300. */
    toleranceSec?: number;
    /** Advice added to the message when no signature matches, e.g. where to find the secret. */
    mismatchHint?: string;
  };

/**
 * A verifier for any HMAC-SHA256 scheme: a template of signed parts, hex or
 * base64 output, one or more secrets, constant-time comparison and a
 * timestamp tolerance (when the scheme signs a timestamp).
 */
export function hmacVerifier(options: HmacVerifierOptions): WebhookVerifier {
  const secrets = keyList<SecretInput>(options.secret, options.secrets, ['secret', 'secrets']);
  const decode = options.decodeSecret ?? utf8Secret;
  const keys = secrets.map((secret) => (typeof secret === 'string' ? decode(secret) : secret));
  const name = options.name ?? 'webhook';
  const flow: VerificationFlow = {
    provider: name,
    fields: options.fields,
    content: signedContent(options.template),
    matcher: hmacMatcher(keys, options.encoding),
    timestamp: digitsTimestamp(options.timestampUnit ?? 'seconds'),
    toleranceMs: toleranceMs(options.toleranceSec, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: [...whitespaceHint(secrets), ...(options.mismatchHint ? [options.mismatchHint] : [])],
  };
  return { name, verify: (input): VerifiedWebhook => verifyDelivery(flow, input) };
}
