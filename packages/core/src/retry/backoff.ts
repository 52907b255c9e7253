/**
 * Exponential backoff with full jitter: a random wait between 0 and
 * `minDelayMs * 2^retryIndex`, capped at `maxDelayMs`. Full jitter spreads
 * clients that failed together, so they do not come back together.
 */
export function fullJitterDelay(retryIndex: number, minDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxDelayMs, minDelayMs * 2 ** retryIndex);
  return Math.round(random() * ceiling);
}
