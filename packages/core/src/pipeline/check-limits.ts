import { ConfigurationError } from '../errors/configuration-error.js';

/**
 * Refuses a deadline or size limit that is not a non-negative number: a NaN
 * deadline would fire at once, a negative limit would refuse every body.
 */
export function checkLimits(deadlineMs: unknown, maxResponseBytes: unknown): void {
  if (deadlineMs !== undefined && !isNonNegative(deadlineMs)) {
    throw new ConfigurationError(`deadlineMs must be a number of milliseconds, 0 or more; got ${String(deadlineMs)}.`);
  }
  if (maxResponseBytes !== undefined && maxResponseBytes !== false && !isNonNegative(maxResponseBytes)) {
    throw new ConfigurationError(
      `maxResponseBytes must be a number of bytes, 0 or more, or false for no limit; got ${String(maxResponseBytes)}.`,
    );
  }
}

function isNonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
