import { type CustomSignatureReading, type EcdsaSignatureFormat, ecdsaMatcher } from './ecdsa-matcher.js';
import { timestampRule } from './hmac-verifier.js';
import { keyList } from './key-list.js';
import { type PublicKeyInput, p256PublicKey } from './public-key.js';
import type { FieldReader } from './signed-fields.js';
import { type SignedTemplate, signedContent } from './signed-parts.js';
import type { SignatureEncoding, TimestampParsing, TimestampUnit, VerifiedWebhook, WebhookVerifier } from './types.js';
import { type VerificationFlow, verifyDelivery } from './verification-flow.js';
import { type ClockOption, toleranceMs } from './verifier-options.js';

/** One public key, or several at once during a rotation. */
export type PublicKeyOption =
  | { publicKey: PublicKeyInput; publicKeys?: never }
  | { publicKeys: readonly PublicKeyInput[]; publicKey?: never };

/** Options for {@link ecdsaVerifier}. */
export type EcdsaVerifierOptions = PublicKeyOption &
  ClockOption & {
    /** Who sends these webhooks, for messages and logs. Default `webhook`. */
    name?: string;
    /** Where the signature, timestamp and id are in the headers. */
    fields: FieldReader;
    /** The signed content, e.g. `[part.timestamp, part.body]`. */
    template: SignedTemplate;
    /** How the signature is written. Default `base64`. */
    encoding?: SignatureEncoding;
    /** How the signature's numbers are packed. Default `der`. */
    signatureFormat?: EcdsaSignatureFormat;
    /** How the timestamp header counts. Default `seconds`. */
    timestampUnit?: TimestampUnit;
    /**
     * How the timestamp is read, and so what is signed for it: `digits`
     * (default), `parseInt` or `number` (see {@link TimestampParsing}).
     */
    timestampParsing?: TimestampParsing;
    /** How far the timestamp may be from now, in seconds: behind the clock, and ahead of it too unless `refuseFuture` is `false`. Default 300. */
    toleranceSec?: number;
    /** Whether a timestamp further ahead of the clock than the tolerance is refused. Default `true`. */
    refuseFuture?: boolean;
    /**
     * The scheme's own reading of a signature's text, for one whose official
     * library reads signatures more leniently than strict `encoding` and
     * `signatureFormat` (SendGrid's). `decode` yields bytes in `signatureFormat`.
     */
    signatureReading?: CustomSignatureReading;
    /** Advice added to the message when no signature matches. */
    mismatchHint?: string;
  };

/**
 * A verifier for ECDSA P-256 / SHA-256 schemes: the sender signs with its
 * private key, you verify with its public key, so there is no shared secret to leak.
 */
export function ecdsaVerifier(options: EcdsaVerifierOptions): WebhookVerifier {
  const inputs = keyList<PublicKeyInput>(options.publicKey, options.publicKeys, ['publicKey', 'publicKeys']);
  const name = options.name ?? 'webhook';
  const flow: VerificationFlow = {
    provider: name,
    fields: options.fields,
    content: signedContent(options.template),
    matcher: ecdsaMatcher(
      inputs.map(p256PublicKey),
      options.signatureFormat ?? 'der',
      options.encoding ?? 'base64',
      options.signatureReading,
    ),
    timestamp: timestampRule(options),
    toleranceMs: toleranceMs(options.toleranceSec, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: options.mismatchHint ? [options.mismatchHint] : [],
  };
  return { name, verify: (input): VerifiedWebhook => verifyDelivery(flow, input) };
}
