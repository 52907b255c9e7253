// setTimeout fires at once beyond this, so a larger timeout would end every attempt immediately.
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Calls `fail` unless `value` is undefined, `false` (no timeout) or a whole number of milliseconds in range. */
export function checkTimeout(value: unknown, fail: (message: string) => never, field = 'timeoutMs'): void {
  if (value === undefined || value === false) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    fail(`"${field}" must be a number of milliseconds above 0 and at most ${MAX_TIMEOUT_MS} (about 24 days), or false for none.`);
  }
}
