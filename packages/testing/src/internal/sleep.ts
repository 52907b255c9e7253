import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits `ms` milliseconds, or less if `signal` aborts: a closing server must
 * not keep timers alive for requests nobody will read. Never rejects.
 */
export async function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await delay(ms, undefined, { signal }).catch(() => undefined);
}
