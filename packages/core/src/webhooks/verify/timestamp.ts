import { formatDuration } from './format-duration.js';
import type { TimestampUnit } from './types.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

// Up to 16 digits covers milliseconds for the next 280 000 years and stays a safe integer.
const DIGITS = /^\d{1,16}$/;

/** The signing time in ms since the epoch, or a `malformed_header` error. */
export function parseTimestamp(text: string, unit: TimestampUnit, header: string): number {
  if (!DIGITS.test(text)) {
    throw new WebhookVerificationError(
      `The ${header} timestamp is not a whole number of ${unit} since 1970 (got ${JSON.stringify(text.slice(0, 40))}).`,
      { reason: 'malformed_header', header },
    );
  }
  const value = Number(text);
  return unit === 'seconds' ? value * 1000 : value;
}

/**
 * Refuses a delivery signed too long ago (a replay, or one delayed past its
 * use) or too far in the future (a clock problem), saying which and by how much.
 */
export function checkTolerance(signedAtMs: number, nowMs: number, toleranceMs: number, optionName: string): void {
  const ageMs = nowMs - signedAtMs;
  if (Math.abs(ageMs) <= toleranceMs) return;
  const signedAt = new Date(signedAtMs).toISOString();
  const beyond = formatDuration(Math.abs(ageMs) - toleranceMs);
  const tolerance = formatDuration(toleranceMs);
  const message =
    ageMs > 0
      ? `The webhook is too old: signed at ${signedAt}, ${formatDuration(ageMs)} ago, ${beyond} beyond the ${tolerance} tolerance. ` +
        `Old deliveries are refused so a captured request cannot be replayed. If your server was down or slow, raise \`${optionName}\`; ` +
        "if this server's clock runs fast, sync it (NTP)."
      : `The webhook is dated in the future: signed at ${signedAt}, ${formatDuration(-ageMs)} ahead of this server's clock, ${beyond} beyond the ${tolerance} tolerance. ` +
        `This server's clock is probably slow: sync it (NTP), or raise \`${optionName}\`.`;
  throw new WebhookVerificationError(message, { reason: 'timestamp_out_of_tolerance', ageMs, toleranceMs });
}
