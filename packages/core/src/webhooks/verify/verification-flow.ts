import { headerLookup } from './header-lookup.js';
import { rawBodyBytes } from './raw-body.js';
import type { SignatureMatcher } from './signature-matcher.js';
import type { FieldReader } from './signed-fields.js';
import type { SignedContent } from './signed-parts.js';
import { checkTolerance, parseTimestamp, type TimestampRule } from './timestamp.js';
import type { VerifiedWebhook, WebhookInput } from './types.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** Everything one verifier needs, whatever the algorithm. */
export interface VerificationFlow {
  /** Who sends these webhooks, for messages: `Stripe`, `HubSpot`. */
  provider: string;
  fields: FieldReader;
  /** The signed content, from the verifier's template (see `signedContent`). */
  content: SignedContent;
  matcher: SignatureMatcher;
  /** How the signed time is read, signed and judged. */
  timestamp: TimestampRule;
  toleranceMs: number;
  /** The option that sets the tolerance, named in messages: `toleranceSec`. */
  toleranceOption: string;
  now: () => number;
  /** Provider-specific advice added when no signature matches. */
  mismatchHints: readonly string[];
}

/**
 * Verifies one delivery: raw body, then headers, then signature, then
 * timestamp. The timestamp is judged only once the signature holds, so "too
 * old" is never said of a delivery that was not genuinely signed.
 */
export function verifyDelivery(flow: VerificationFlow, input: WebhookInput): VerifiedWebhook {
  const body = rawBodyBytes(input.body);
  const header = headerLookup(input.headers);
  const fields = flow.fields(header, flow.provider);

  const sent = fields.timestamp;
  const read = sent === undefined ? undefined : parseTimestamp(sent, flow.timestamp, fields.timestampHeader ?? fields.signatureHeader);
  const signedAtMs = read?.ms;
  const timestamp = sent === undefined || read === undefined ? undefined : flow.timestamp.signed(sent, read.value);

  const signatures = fields.signatures.map((text) => flow.matcher.decode(text)).filter((bytes) => bytes !== undefined);
  if (signatures.length === 0) {
    throw new WebhookVerificationError(
      `The ${fields.signatureHeader} header holds no well-formed signature: expected ${flow.matcher.expectedFormat}. ` +
        'Check that the header reaches your code unchanged.',
      { reason: 'malformed_header', header: fields.signatureHeader },
    );
  }

  const url = input.url === undefined ? undefined : String(input.url);
  const signed = flow.content({ body, timestamp, id: fields.id, method: input.method, url, header });
  const keyIndex = flow.matcher.match(signed, signatures);
  if (keyIndex === -1) throw noMatch(flow, fields.signatureHeader, signatures.length);

  if (signedAtMs !== undefined) {
    checkTolerance(signedAtMs, input.receivedAt ?? flow.now(), flow.toleranceMs, flow.timestamp, flow.toleranceOption);
  }

  const result: VerifiedWebhook = { keyIndex };
  if (signedAtMs !== undefined) result.timestamp = new Date(signedAtMs);
  if (fields.id !== undefined) result.id = fields.id;
  return result;
}

function noMatch(flow: VerificationFlow, header: string, count: number): WebhookVerificationError {
  const { keyCount, keyNoun } = flow.matcher;
  const keys = `${keyCount} ${keyNoun}${keyCount === 1 ? '' : 's'}`;
  const what = count === 1 ? `The signature in ${header} does not match` : `None of the ${count} signatures in ${header} matches`;
  const message = [
    `${what} this body (checked with ${keys}).`,
    'Most often the body was changed before verification: pass the raw, unparsed body exactly as received, with no JSON parsing, re-encoding or trimming.',
    `Otherwise the ${keyNoun} is not the one ${flow.provider} signs with for this endpoint.`,
    ...flow.mismatchHints,
  ].join(' ');
  return new WebhookVerificationError(message, { reason: 'no_matching_signature', header });
}

/** A verified result that is known to carry a timestamp (the scheme always signs one). */
export function withTimestamp<T extends VerifiedWebhook>(result: T): T & { timestamp: Date } {
  if (result.timestamp === undefined) throw new Error('Junction bug: a timestamped webhook scheme produced no timestamp.');
  return result as T & { timestamp: Date };
}
