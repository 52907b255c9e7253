/** A duration for humans: `800ms`, `45s`, `7m 30s`, `2h 5m`, `3d 4h`. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)}ms`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = Math.round(abs / 1000) * 1000;
  const parts: string[] = [];
  for (const [label, size] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${label}`);
      rest %= size;
    }
  }
  // Two units are precise enough to act on and short enough to read.
  return parts.slice(0, 2).join(' ');
}
