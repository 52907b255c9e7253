/**
 * The body exactly as received. Signatures cover these bytes, so it must be
 * read before any body parser touches it.
 */
export type RawBody = string | Uint8Array | ArrayBuffer;

/**
 * Request headers in any of the common shapes: a Fetch `Headers`, a plain
 * object with names in any case, or Node's `IncomingHttpHeaders`.
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** One delivery to verify. */
export interface WebhookInput {
  /** The raw, unparsed body. A parsed object is refused with reason `body_not_raw`. */
  body: RawBody;
  headers: WebhookHeaders;
  /** The request method, for schemes that sign it (HubSpot v3). */
  method?: string;
  /** The full public URL the provider called, for schemes that sign it (HubSpot v3). */
  url?: string | URL;
  /**
   * When the delivery was received, in ms since the epoch: its timestamp is
   * judged against this instead of the verifier's clock. For tests, and for
   * checking a stored delivery as of when it arrived. Default: now.
   */
  receivedAt?: number;
}

/** What a successful verification tells you. */
export interface VerifiedWebhook {
  /** When the provider signed the delivery, for schemes that sign a timestamp. */
  timestamp?: Date;
  /** The delivery's id, for schemes that sign one (Standard Webhooks); use it to drop duplicates. */
  id?: string;
  /**
   * Which configured secret or public key matched (0 = the first). During a
   * rotation, watch it to know when the old one can be retired.
   */
  keyIndex: number;
}

/** A verified delivery from a scheme that always signs a timestamp. */
export interface TimestampedWebhook extends VerifiedWebhook {
  timestamp: Date;
}

/** Checks deliveries of one provider; a connector declares one as `webhooks: { verify }`. */
export interface WebhookVerifier<T extends VerifiedWebhook = VerifiedWebhook> {
  /** A short name for logs and messages, e.g. `stripe`. */
  readonly name: string;
  /** Returns what was verified, or throws a `WebhookVerificationError` that says why not. */
  verify(input: WebhookInput): T;
}

/** How a timestamp header counts time. */
export type TimestampUnit = 'seconds' | 'milliseconds';

/**
 * How a composable verifier reads the timestamp it is sent:
 * - `digits`: ASCII digits only, signed exactly as sent.
 * - `parseInt`: as JavaScript's `parseInt(text, 10)` reads it (leading
 *   whitespace and a sign allowed, anything after the leading digits
 *   ignored), and the number read is what is signed, so `0123` signs `123`.
 *   For schemes whose official library reads the time that way.
 * - `number`: as `Number(text)` reads it (surrounding whitespace, a
 *   fraction or an exponent allowed), signed exactly as sent. For schemes
 *   whose library signs the header as sent and reads no time itself (SendGrid).
 */
export type TimestampParsing = 'digits' | 'parseInt' | 'number';

/** How a signature is written as text in a header. */
export type SignatureEncoding = 'hex' | 'base64' | 'base64url';
