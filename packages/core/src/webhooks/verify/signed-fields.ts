import { type HeaderLookup, requireHeader } from './header-lookup.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** What a verifier reads from a delivery's headers before checking it. */
export interface SignedFields {
  /** The header the signatures came from, named in error messages. */
  signatureHeader: string;
  /** Every candidate signature, still encoded as sent (several during a secret rotation). */
  signatures: readonly string[];
  /** The timestamp exactly as sent. */
  timestamp?: string;
  /** The header the timestamp came from, named in error messages. */
  timestampHeader?: string;
  /** The delivery id, for schemes that sign one. */
  id?: string;
}

/**
 * Reads the {@link SignedFields} of one delivery. Throws a
 * `WebhookVerificationError` (`missing_header`, `malformed_header`) when they
 * are absent or unreadable; `provider` names the sender in those messages.
 */
export type FieldReader = (header: HeaderLookup, provider: string) => SignedFields;

/** Options for {@link fromHeaders}. */
export interface FromHeadersOptions {
  /** The header that carries the signature(s). */
  signature: string;
  /**
   * Text in front of each signature, e.g. `sha256=` or `v1,`. Entries without
   * it are skipped (another scheme or version); if none has it, the header is malformed.
   */
  prefix?: string;
  /** Splits one header into several signatures, e.g. `' '` for `v1,a v1,b`. Default: one signature. */
  separator?: string | RegExp;
  /** The header that carries the timestamp, when the scheme has one. */
  timestamp?: string;
  /** The header that carries the delivery id, when the scheme has one. */
  id?: string;
}

/** A {@link FieldReader} for the common layout: each field in its own header. */
export function fromHeaders(options: FromHeadersOptions): FieldReader {
  return (header, provider) => {
    const raw = requireHeader(header, options.signature, provider);
    const entries = options.separator === undefined ? [raw] : raw.split(options.separator).filter((entry) => entry !== '');
    const prefix = options.prefix ?? '';
    const signatures = entries.filter((entry) => entry.startsWith(prefix)).map((entry) => entry.slice(prefix.length));
    if (signatures.length === 0) {
      throw new WebhookVerificationError(
        `The ${options.signature} header has no signature starting with "${prefix}"; it may use a scheme or version this verifier does not know.`,
        { reason: 'malformed_header', header: options.signature },
      );
    }
    const fields: SignedFields = { signatureHeader: options.signature, signatures };
    if (options.timestamp !== undefined) {
      fields.timestamp = requireHeader(header, options.timestamp, provider);
      fields.timestampHeader = options.timestamp;
    }
    if (options.id !== undefined) fields.id = requireHeader(header, options.id, provider);
    return fields;
  };
}
