import { ConfigurationError } from '../../errors/configuration-error.js';
import { hmacMatcher } from './hmac-matcher.js';
import { keyList } from './key-list.js';
import { type SecretInput, utf8Secret } from './secret-decoding.js';
import type { FieldReader } from './signed-fields.js';
import { type SignedTemplate, signedContent } from './signed-parts.js';
import { TIMESTAMP_PARSINGS, type TimestampRule } from './timestamp.js';
import type { SignatureEncoding, TimestampParsing, TimestampUnit, VerifiedWebhook, WebhookVerifier } from './types.js';
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
    /** Where the signatures, timestamp and id are in the headers: {@link fromHeaders}, {@link timestampedSignatureFields}, or your own. */
    fields: FieldReader;
    /** The signed content, e.g. `[part.timestamp, '.', part.body]`. */
    template: SignedTemplate;
    /** How the signature is written: `hex`, `base64` or `base64url`. */
    encoding: SignatureEncoding;
    /**
     * Read a signature only in the one form its encoding gives a digest:
     * lower-case hex, or base64 / base64url with its `=` padding. For schemes
     * whose official library compares signatures as text, and so refuses any
     * other form. Default `false`: hex in either case, padding optional.
     */
    canonicalSignatures?: boolean;
    /** Turns a text secret into key bytes. Default: its UTF-8 bytes; {@link standardWebhooksSecret} for `whsec_` + base64. */
    decodeSecret?: (secret: string) => Uint8Array;
    /** How the timestamp header counts. Default `seconds`. */
    timestampUnit?: TimestampUnit;
    /**
     * How the timestamp is read, and so what is signed for it. Default
     * `digits`: digits only, signed as sent. `parseInt`: as `parseInt(text, 10)`
     * reads it, the number read being what is signed (`0123` signs `123`).
     */
    timestampParsing?: TimestampParsing;
    /**
     * How far the timestamp may be from now, in seconds: behind the clock, and
     * ahead of it too unless `refuseFuture` is `false`. Default 300.
     */
    toleranceSec?: number;
    /**
     * Whether a timestamp further ahead of this server's clock than the
     * tolerance is refused (`timestamp_out_of_tolerance`, "dated in the
     * future"). Default `true`. Pass `false` for schemes whose official library
     * accepts any future time, so a server clock running slow refuses nothing;
     * the tolerance then limits only how old a delivery may be.
     */
    refuseFuture?: boolean;
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
    matcher: hmacMatcher(keys, options.encoding, options.canonicalSignatures ?? false),
    timestamp: timestampRule(options),
    toleranceMs: toleranceMs(options.toleranceSec, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: [...whitespaceHint(secrets), ...(options.mismatchHint ? [options.mismatchHint] : [])],
  };
  return { name, verify: (input): VerifiedWebhook => verifyDelivery(flow, input) };
}

/** The timestamp rule of a composable verifier's options, or a `ConfigurationError` for an unknown parsing. */
export function timestampRule(options: {
  timestampParsing?: TimestampParsing;
  timestampUnit?: TimestampUnit;
  refuseFuture?: boolean;
}): TimestampRule {
  const parsing = options.timestampParsing ?? 'digits';
  const rule = Object.hasOwn(TIMESTAMP_PARSINGS, parsing) ? TIMESTAMP_PARSINGS[parsing] : undefined;
  if (rule === undefined) {
    throw new ConfigurationError(`\`timestampParsing\` must be 'digits', 'parseInt' or 'number' (got ${JSON.stringify(parsing)}).`);
  }
  return rule(options.timestampUnit ?? 'seconds', options.refuseFuture ?? true);
}
