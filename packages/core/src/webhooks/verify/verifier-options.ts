import { ConfigurationError } from '../../errors/configuration-error.js';

/** The default tolerance: 5 minutes, what Stripe, HubSpot and Standard Webhooks all use. */
export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

/** Options every verifier takes. */
export interface ClockOption {
  /** The current time in ms since the epoch; inject a fixed clock in tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * A tolerance option in ms. `Infinity` turns the check off (not recommended:
 * it allows replays); zero, negative and NaN are refused.
 */
export function toleranceMs(value: number | undefined, msPerUnit: number, optionName: string): number {
  if (value === undefined) return DEFAULT_TOLERANCE_MS;
  if (typeof value !== 'number' || !(value > 0)) {
    throw new ConfigurationError(
      `\`${optionName}\` must be a positive number (got ${String(value)}); use Infinity to turn the timestamp check off.`,
    );
  }
  return value * msPerUnit;
}
