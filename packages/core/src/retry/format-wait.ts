/** A wait for humans: `250ms`, `2s`, `1.5s`. Used in retry and rate-limit reasons. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(1))}s`;
}
