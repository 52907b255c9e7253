import { ConfigurationError } from '../../errors/configuration-error.js';

/** The default tolerance: 5 minutes, what Stripe, HubSpot and Standard Webhooks all use. */
export const DEFAULT_TOLERANCE_SEC = 300;

/** Options every verifier takes. */
export interface ClockOption {
  /**
   * The current time in ms since the epoch; inject a fixed clock in tests.
   * Default `Date.now`. A delivery's own `receivedAt` takes precedence.
   */
  now?: () => number;
}

/**
 * A tolerance option (seconds) in ms. `Infinity` turns the check off (not
 * recommended: it allows replays); zero, negative and NaN are refused.
 */
export function toleranceMs(valueSec: number | undefined, optionName: string): number {
  if (valueSec === undefined) return DEFAULT_TOLERANCE_SEC * 1000;
  if (typeof valueSec !== 'number' || !(valueSec > 0)) {
    throw new ConfigurationError(
      `\`${optionName}\` must be a positive number of seconds (got ${String(valueSec)}); use Infinity to turn the timestamp check off.`,
    );
  }
  return valueSec * 1000;
}
