import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from '../../errors/junction-error.js';

/**
 * Why a webhook delivery was refused, for code that reacts to it (metrics,
 * the HTTP status a receiver answers with).
 */
export type WebhookVerificationReason =
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_out_of_tolerance'
  | 'no_matching_signature'
  | 'body_not_raw';

/** Options for {@link WebhookVerificationError}. */
export interface WebhookVerificationErrorOptions extends JunctionErrorOptions {
  reason: WebhookVerificationReason;
  /** The header at fault, for `missing_header` and `malformed_header`. */
  header?: string;
  /** For `timestamp_out_of_tolerance`: how old the delivery was, in ms; negative when it is dated in the future. */
  ageMs?: number;
  /** For `timestamp_out_of_tolerance`: the tolerance it was checked against, in ms. */
  toleranceMs?: number;
}

/**
 * A webhook delivery failed verification. `reason` says why in a word; the
 * message says why in a sentence and how to fix it. Neither ever contains a
 * secret or the expected signature (that would make the error a signing oracle).
 */
export class WebhookVerificationError extends JunctionError {
  readonly reason: WebhookVerificationReason;
  readonly header?: string;
  readonly ageMs?: number;
  readonly toleranceMs?: number;

  constructor(message: string, options: WebhookVerificationErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    if (options.header !== undefined) this.header = options.header;
    if (options.ageMs !== undefined) this.ageMs = options.ageMs;
    if (options.toleranceMs !== undefined) this.toleranceMs = options.toleranceMs;
    brand(this, 'WebhookVerificationError');
  }
}

/** True when `value` is a {@link WebhookVerificationError}. */
export function isWebhookVerificationError(value: unknown): value is WebhookVerificationError {
  return hasBrand(value, 'WebhookVerificationError');
}
