import { percentile } from './stats.js';

/** One measured run of a load: `requests` calls, `concurrency` at a time. */
export interface LoadRun {
  requests: number;
  errors: number;
  firstError?: string;
  wallMs: number;
  /** Client process CPU (user + system), microseconds. */
  cpuUs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
}

export interface LoadOptions {
  concurrency: number;
  /** Calls to make. */
  requests: number;
  /** Stop issuing new calls after this long (slow variants then report fewer requests, at their real rate). */
  maxMs?: number;
}

/**
 * Runs `call` `requests` times with `concurrency` callers in flight, timing
 * each call and the process CPU over the whole run.
 */
export async function runLoad(call: (i: number) => Promise<unknown>, options: LoadOptions): Promise<LoadRun> {
  const { concurrency, requests } = options;
  const latencies = new Float64Array(requests);
  let issued = 0;
  let done = 0;
  let errors = 0;
  let firstError: string | undefined;
  const deadline = options.maxMs === undefined ? Number.POSITIVE_INFINITY : performance.now() + options.maxMs;
  const worker = async () => {
    while (issued < requests && performance.now() < deadline) {
      const i = issued++;
      const t0 = performance.now();
      try {
        await call(i);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      latencies[done++] = performance.now() - t0;
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = cpu.user + cpu.system;
  const measured = latencies.subarray(0, done).sort();
  return {
    requests: done,
    errors,
    ...(firstError ? { firstError } : {}),
    wallMs,
    cpuUs,
    rps: (done / wallMs) * 1000,
    p50Ms: percentile(measured, 50),
    p99Ms: percentile(measured, 99),
    cpuUsPerRequest: cpuUs / Math.max(1, done),
  };
}
