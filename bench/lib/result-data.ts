import type { MicroResult } from './micro.js';
import type { NodeBinary } from './node-binaries.js';
import type { BenchResult } from './report.js';

/** Every benchmark's result under one Node. */
export interface NodeRun {
  node: NodeBinary;
  results: BenchResult[];
}

/** The rows of each benchmark's `data` that the summary and the analysis read (see each script's `finish`). */
export interface OverheadRow {
  key: string;
  label: string;
  /** Absent in results written before it was recorded. */
  group?: 'floor' | 'peer' | 'junction' | 'layer';
  concurrency: number;
  rps: number;
  throughputRatio: number;
  overheadCpuUs: number;
  cpuUsPerRequest: number;
  p50Ms: number;
  /** Absent in results written before it was recorded. */
  p50AddedMs?: number;
}
export interface OverheadData {
  loopback: OverheadRow[];
  stub: OverheadRow[];
  micro: MicroResult[];
}
export interface ProfileData {
  key: string;
  requests: number;
  cpuUsPerRequest: number;
  perRequestUs: Record<string, number>;
  topFunctions: string[];
}
export interface RateLimitRow {
  key: string;
  label: string;
  goodput: number;
  server429: number;
  share429: number;
  failed: number;
  seconds: number;
  vsIdeal: number;
}
export interface HeapRow {
  case: string;
  /** Absent in results written before it was recorded. */
  label?: string;
  perCall: number;
}
export interface ScaleData {
  heap: HeapRow[];
  breakdown: { perCall: number; growth?: { name: string; countPerCall: number; bytesPerCall: number }[] };
  sweep: { key: string; label: string; concurrency: number; overheadUs: number; throughputRatio: number }[];
}
export interface FootprintData {
  imports: { key: string; label: string; medianMs: number; error?: string }[];
  sizes: { label: string; minified: number; gzipped: number }[];
}
export interface WebhookTally {
  wallMs: number;
  events: number;
}
/** Per payload (`stripe-1024`, `stripe-16384`, `ecdsa`), per variant key. */
export type WebhookData = Record<string, Record<string, WebhookTally>>;

/** The `data` of benchmark `name` in `results`, typed by the caller. */
export function dataOf<T>(results: readonly BenchResult[], name: string): T | undefined {
  return results.find((r) => r.name === name)?.data as T | undefined;
}

/** A row of the pipeline benchmark's loopback runs. */
export function loopbackRow(results: readonly BenchResult[], key: string, concurrency: number): OverheadRow | undefined {
  return dataOf<OverheadData>(results, 'pipeline-overhead')?.loopback.find((r) => r.key === key && r.concurrency === concurrency);
}

/** The clients compared with fetch besides the full stack (fetch with a timeout, peers, Junction variants), in the benchmark's order. */
export function comparedRows(results: readonly BenchResult[], concurrency: number): OverheadRow[] {
  const rows = dataOf<OverheadData>(results, 'pipeline-overhead')?.loopback ?? [];
  return rows.filter(
    (r) =>
      r.concurrency === concurrency &&
      r.key !== 'junction' &&
      r.key !== 'fetch' &&
      (r.group ? r.group !== 'layer' : !r.key.startsWith('layer:')),
  );
}

/** One micro-benchmark's CPU µs, by the start of its name. */
export function microUs(results: readonly BenchResult[], kind: MicroResult['kind'], name: string): number {
  const micro = dataOf<OverheadData>(results, 'pipeline-overhead')?.micro ?? [];
  return micro.find((m) => m.kind === kind && m.name.startsWith(name))?.us ?? Number.NaN;
}

/** Wall µs per event of one webhook variant, NaN when absent. */
export function webhookUs(results: readonly BenchResult[], payload: string, key: string): number {
  const t = dataOf<WebhookData>(results, 'webhook-verification')?.[payload]?.[key];
  return t ? (t.wallMs * 1000) / t.events : Number.NaN;
}

/** The median cold import ms of one footprint case, NaN when absent or failed. */
export function importMs(results: readonly BenchResult[], key: string): number {
  const row = dataOf<FootprintData>(results, 'footprint')?.imports.find((i) => i.key === key);
  return row && !row.error ? row.medianMs : Number.NaN;
}
