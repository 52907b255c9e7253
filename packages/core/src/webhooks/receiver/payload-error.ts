import { brand, hasBrand, JunctionError, type JunctionErrorOptions } from '../../errors/junction-error.js';
import type { ValidationIssue } from '../../errors/validation-error.js';

/**
 * Why an authentic delivery could not be read: its body is not JSON, is
 * larger than allowed, or its events lack the envelope the declaration expects.
 */
export type WebhookPayloadReason = 'too_large' | 'invalid_json' | 'invalid_envelope' | 'missing_event_id' | 'missing_event_type';

/** Options for {@link WebhookPayloadError}. */
export interface WebhookPayloadErrorOptions extends JunctionErrorOptions {
  reason: WebhookPayloadReason;
  /** For `invalid_envelope`: what did not match. */
  issues?: ValidationIssue[];
  /** For `too_large`: the limit, in bytes. */
  limitBytes?: number;
}

/** A webhook delivery's body could not be read into events; no handler ran. */
export class WebhookPayloadError extends JunctionError {
  readonly reason: WebhookPayloadReason;
  readonly issues?: ValidationIssue[];
  readonly limitBytes?: number;

  constructor(message: string, options: WebhookPayloadErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    if (options.issues) this.issues = options.issues;
    if (options.limitBytes !== undefined) this.limitBytes = options.limitBytes;
    brand(this, 'WebhookPayloadError');
  }
}

/** True when `value` is a {@link WebhookPayloadError}. */
export function isWebhookPayloadError(value: unknown): value is WebhookPayloadError {
  return hasBrand(value, 'WebhookPayloadError');
}

/** The error for a body over the limit. */
export function bodyTooLarge(limitBytes: number): WebhookPayloadError {
  return new WebhookPayloadError(
    `The webhook body is larger than the ${limitBytes}-byte limit. Raise \`maxBodyBytes\` on the adapter if the provider sends bodies this large.`,
    { reason: 'too_large', limitBytes },
  );
}
