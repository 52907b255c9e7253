import { formatDuration } from './format-duration.js';
import type { TimestampParsing, TimestampUnit } from './types.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** How one scheme reads its signed time, what text it signs for it, and which way the tolerance applies. */
export interface TimestampRule {
  /** How the timestamp counts. Ages are counted in whole units, as the providers' libraries do. */
  unit: TimestampUnit;
  /** The time as the scheme reads the text, in `unit`, or `undefined` when it reads no number. */
  read(text: string): number | undefined;
  /** The text that goes into the signed content: what was sent, or the number read back as text. */
  signed(sent: string, value: number): string;
  /** Whether a time further ahead of the clock than the tolerance is refused, not only one further behind. */
  refuseFuture: boolean;
}

/** The timestamp as `parseInt(text, 10)` reads it (Stripe's and Standard Webhooks' libraries), or `undefined` for NaN. */
export function parseIntReading(text: string): number | undefined {
  const value = Number.parseInt(text, 10);
  return Number.isNaN(value) ? undefined : value;
}

/** The timestamp as `Number(text)` reads it, or `undefined` when that is not finite. */
export function numberReading(text: string): number | undefined {
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

// Up to 16 digits covers milliseconds for the next 280 000 years and stays a safe integer.
const DIGITS = /^\d{1,16}$/;

/** The default rule of the composable verifiers: digits only, signed as sent, limited both ways unless `refuseFuture` is false. */
export function digitsTimestamp(unit: TimestampUnit, refuseFuture = true): TimestampRule {
  return { unit, read: (text) => (DIGITS.test(text) ? Number(text) : undefined), signed: (sent) => sent, refuseFuture };
}

/** The time as `parseInt` reads it, signed as the number read (`0123` signs `123`). */
export function parseIntTimestamp(unit: TimestampUnit, refuseFuture: boolean): TimestampRule {
  return { unit, read: parseIntReading, signed: (_sent, value) => String(value), refuseFuture };
}

/** The time as `Number(text)` reads it, signed as sent. */
export function numberTimestamp(unit: TimestampUnit, refuseFuture: boolean): TimestampRule {
  return { unit, read: numberReading, signed: (sent) => sent, refuseFuture };
}

// The range of a JavaScript Date, in ms either side of 1970.
const MAX_DATE_MS = 8.64e15;

/** A timestamp as read: the number in the rule's unit, and the time in ms since the epoch. */
export interface ReadTimestamp {
  value: number;
  ms: number;
}

/** The signing time, or a `malformed_header` error. */
export function parseTimestamp(text: string, rule: TimestampRule, header: string): ReadTimestamp {
  const value = rule.read(text);
  const ms = value === undefined ? Number.NaN : rule.unit === 'seconds' ? value * 1000 : value;
  // A time that is not a date cannot be judged, so a delivery carrying one could be replayed forever.
  if (value === undefined || !(Math.abs(ms) <= MAX_DATE_MS)) {
    throw new WebhookVerificationError(
      `The ${header} timestamp is not a number of ${rule.unit} since 1970 (got ${JSON.stringify(text.slice(0, 40))}).`,
      { reason: 'malformed_header', header },
    );
  }
  return { value, ms };
}

/** How long ago `signedAtMs` was at `nowMs`, in whole units of the rule, as ms; negative when in the future. */
export function ageMs(signedAtMs: number, nowMs: number, unit: TimestampUnit): number {
  return unit === 'seconds' ? (Math.floor(nowMs / 1000) - Math.floor(signedAtMs / 1000)) * 1000 : nowMs - signedAtMs;
}

/**
 * Refuses a delivery signed too long ago (a replay, or one delayed past its
 * use) or, when the rule says so, too far in the future (a clock problem),
 * saying which and by how much.
 */
export function checkTolerance(signedAtMs: number, nowMs: number, toleranceMs: number, rule: TimestampRule, optionName: string): void {
  const age = ageMs(signedAtMs, nowMs, rule.unit);
  if (age <= toleranceMs && (!rule.refuseFuture || -age <= toleranceMs)) return;
  const signedAt = new Date(signedAtMs).toISOString();
  const beyond = formatDuration(Math.abs(age) - toleranceMs);
  const tolerance = formatDuration(toleranceMs);
  const message =
    age > 0
      ? `The webhook is too old: signed at ${signedAt}, ${formatDuration(age)} ago, ${beyond} beyond the ${tolerance} tolerance. ` +
        `Old deliveries are refused so a captured request cannot be replayed. If your server was down or slow, raise \`${optionName}\`; ` +
        "if this server's clock runs fast, sync it (NTP)."
      : `The webhook is dated in the future: signed at ${signedAt}, ${formatDuration(-age)} ahead of this server's clock, ${beyond} beyond the ${tolerance} tolerance. ` +
        `This server's clock is probably slow: sync it (NTP), or raise \`${optionName}\`.`;
  throw new WebhookVerificationError(message, { reason: 'timestamp_out_of_tolerance', ageMs: age, toleranceMs });
}

/** The rule of each {@link TimestampParsing}, for the composable verifiers. */
export const TIMESTAMP_PARSINGS: Readonly<Record<TimestampParsing, (unit: TimestampUnit, refuseFuture: boolean) => TimestampRule>> = {
  digits: digitsTimestamp,
  parseInt: parseIntTimestamp,
  number: numberTimestamp,
};
