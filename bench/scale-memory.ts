/**
 * 4. Scale and memory. (a) 100,000 calls queued behind a limiter: heap
 * growth per queued call (each case in a fresh child process with
 * --expose-gc; gc before and after). (b) Per-request overhead as
 * concurrency grows from 1 to 1,000, against bare fetch at each level,
 * with the loopback server in its own process.
 *
 *   pnpm --filter @junction/bench exec tsx scale-memory.ts
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, createLimiter, createLimiterRegistry } from '@junction/core';
import { benchApi, CUSTOMER_ID, TOKEN } from './lib/connector.js';
import { CHILD_EXEC_ARGV, collectGarbage, isMain, QUICK, scaled } from './lib/env.js';
import { heapByConstructor, heapGrowth } from './lib/heap-snapshot.js';
import { type LoadRun, runLoad } from './lib/load.js';
import { type BenchResult, finish, progress, type Table, type Target } from './lib/report.js';
import { startServer } from './lib/server.js';
import { bytes, fmt, ratio } from './lib/stats.js';
import { fetchVariant, junctionKyVariant, junctionNoLimitsVariant, junctionVariant, type Variant } from './lib/variants.js';

const QUEUED = Number(process.env.BENCH_QUEUED ?? scaled(100_000, 5_000));
/** How long the queued calls are given to settle into the limiter before the heap is measured. */
const SETTLE_MS = scaled(3_000, 1_000);
const LEVELS = [1, 10, 100, 1_000];
const SWEEP_REQUESTS = scaled(2_000, 1_200);
const SWEEP_CAP_MS = scaled(2_500, 800);
const HOUR = 3_600_000;
/** Calls queued for the heap-snapshot breakdown (snapshots of 100,000 would take minutes). */
const SNAPSHOT_CALLS = scaled(5_000, 1_000);

type HeapCase = 'limit' | 'paused' | 'shared';
const HEAP_CASES: Record<HeapCase, string> = {
  limit: 'limit reached (the default limiter: 1 request per hour, the rest queued)',
  paused: 'bucket paused by a 429 (no limits set: calls wait at the pause gate)',
  shared: 'limit reached, a bucket shared through createLimiterRegistry',
};

interface HeapResult {
  case: HeapCase;
  /** With BENCH_HEAP_SNAPSHOT=1 (or for the breakdown case): what grew, per queued call, by constructor. */
  growth?: { name: string; countPerCall: number; bytesPerCall: number }[];
  queued: number;
  heapBefore: number;
  heapAfter: number;
  perCall: number;
  /** Calls already settled when measured (should be 1, the call that went through or got the 429). */
  settled: number;
  msToQueue: number;
}

/** In a child: queue QUEUED calls behind the limiter, measure heap growth. Never awaits the calls. */
async function heapChild(which: HeapCase, queued: number, snapshot: boolean): Promise<HeapResult> {
  let first = true;
  // No network: the calls never get past the limiter; the one that does is answered in-process.
  const fetchImpl: typeof fetch = async () => {
    if (which === 'paused' && first) {
      first = false;
      return new Response('{"error":{"message":"slow down"}}', {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '3600' },
      });
    }
    return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const base = { credentials: { token: TOKEN }, baseUrl: 'http://127.0.0.1:9', fetch: fetchImpl };
  const queuePolicy = { maxQueued: QUEUED * 2, maxWaitMs: 2 * HOUR };
  const client =
    which === 'limit'
      ? createClient(benchApi, { ...base, rateLimit: { requests: 1, intervalMs: HOUR, ...queuePolicy } })
      : which === 'paused'
        ? createClient(benchApi, { ...base, rateLimit: { ...queuePolicy } })
        : createClient(benchApi, {
            ...base,
            rateLimit: { requests: 1, intervalMs: HOUR, ...queuePolicy, key: 'q' },
            limiters: createLimiterRegistry({ create: (key, policy) => createLimiter(policy, { name: key }) }),
          });
  // The first call goes through (or gets the 429 that pauses the bucket); the rest queue behind it.
  await client.getCustomer({ id: CUSTOMER_ID }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 100));
  collectGarbage();
  const before = snapshot ? heapByConstructor(join(tmpdir(), `bench-heap-${process.pid}-a.heapsnapshot`)) : undefined;
  if (snapshot) collectGarbage();
  const heapStart = process.memoryUsage().heapUsed;
  let settled = 0;
  const t0 = performance.now();
  const pending: Promise<unknown>[] = new Array(queued);
  for (let i = 0; i < queued; i++) {
    pending[i] = client.getCustomer({ id: CUSTOMER_ID }).then(
      () => settled++,
      () => settled++,
    );
  }
  const msToQueue = performance.now() - t0;
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  collectGarbage();
  const heapAfter = process.memoryUsage().heapUsed;
  const growth = before
    ? heapGrowth(before, heapByConstructor(join(tmpdir(), `bench-heap-${process.pid}-b.heapsnapshot`)), queued)
    : undefined;
  // Keeps the promises (and so the calls) reachable until measured.
  if (pending.length !== queued) throw new Error('unreachable');
  return {
    case: which,
    queued,
    heapBefore: heapStart,
    heapAfter,
    perCall: (heapAfter - heapStart) / queued,
    settled,
    msToQueue,
    ...(growth ? { growth } : {}),
  };
}

function heapCase(which: HeapCase, queued = QUEUED, snapshot = false): HeapResult {
  const args = [...CHILD_EXEC_ARGV, fileURLToPath(import.meta.url), '--heap', which, String(queued), snapshot ? 'snapshot' : ''];
  const out = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 300_000,
  });
  if (out.status !== 0) throw new Error(`heap case ${which} failed (${out.status}): ${out.stdout}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as HeapResult;
}

interface SweepRow {
  key: string;
  label: string;
  concurrency: number;
  run: LoadRun;
  overheadUs: number;
  throughputRatio: number;
}

async function sweep(): Promise<SweepRow[]> {
  const server = await startServer({ mode: 'json' });
  const rows: SweepRow[] = [];
  try {
    const variants: Variant[] = [
      fetchVariant(server.origin),
      junctionVariant(server.origin),
      junctionNoLimitsVariant(server.origin),
      junctionKyVariant(server.origin),
    ];
    for (const concurrency of LEVELS) {
      const runs = new Map<string, LoadRun>();
      for (const v of variants) {
        await runLoad(v.call, { concurrency, requests: Math.max(500, concurrency * 2), maxMs: 1_500 });
        collectGarbage();
        runs.set(v.key, await runLoad(v.call, { concurrency, requests: Math.max(SWEEP_REQUESTS, concurrency * 3), maxMs: SWEEP_CAP_MS }));
      }
      const floor = runs.get('fetch')!;
      for (const v of variants) {
        const run = runs.get(v.key)!;
        rows.push({
          key: v.key,
          label: v.label,
          concurrency,
          run,
          overheadUs: run.cpuUsPerRequest - floor.cpuUsPerRequest,
          throughputRatio: run.rps / floor.rps,
        });
      }
      progress(`concurrency ${concurrency}: done`);
    }
    await Promise.all(variants.map((v) => v.close?.()));
  } finally {
    await server.close();
  }
  return rows;
}

export async function scaleMemory(): Promise<BenchResult> {
  const startedAt = performance.now();
  const heap = (Object.keys(HEAP_CASES) as HeapCase[]).map((c) => {
    const r = heapCase(c);
    progress(`heap, ${c}: ${bytes(r.perCall)} per queued call`);
    return r;
  });
  // What a queued call is made of: heap snapshots around a smaller batch behind the default limiter.
  const breakdown = heapCase('limit', SNAPSHOT_CALLS, true);
  progress('heap snapshot breakdown: done');
  const rows = await sweep();
  const byKey = (key: string) => rows.filter((r) => r.key === key);
  const flatness = (key: string) => {
    const series = byKey(key);
    const first = series[0]!.overheadUs;
    const worst = Math.max(...series.map((r) => r.overheadUs));
    return { first, worst, ratio: worst / first };
  };
  const full = flatness('junction');
  const coreCases = heap;
  const worstHeap = coreCases.reduce((a, b) => (b.perCall > a.perCall ? b : a));
  const targets: Target[] = [
    {
      name: `Heap per queued call, ${QUEUED.toLocaleString('en-US')} queued`,
      target: '< 1 KB',
      measured: `${bytes(worstHeap.perCall)} worst of core’s cases (${coreCases.map((h) => `${h.case}: ${bytes(h.perCall)}`).join(', ')})`,
      met: coreCases.every((h) => h.perCall < 1024),
      why: `cases: ${coreCases.map((h) => `${h.case} = ${HEAP_CASES[h.case]}`).join('; ')}.`,
    },
  ];
  const findings = [
    `Full-stack overhead from concurrency 1 to 1,000 (client CPU µs per request over bare fetch at the same level): ${byKey('junction')
      .map((r) => `c=${r.concurrency}: ${fmt(r.overheadUs)} µs`)
      .join(', ')}; the worst level is ${ratio(full.ratio)} of c=1.`,
  ];
  const sweepTable: Table = {
    title: 'Per-request overhead as concurrency grows (CPU µs per request over bare fetch at the same concurrency)',
    columns: ['client', ...LEVELS.map((c) => `c=${c}`), 'req/s × fetch (c=1 → c=1000)', 'p50 ms (c=1 → c=1000)'],
    rows: ['fetch', 'junction', 'junction-nolimit', 'junction-ky'].map((key) => {
      const series = byKey(key);
      return [
        series[0]!.label,
        ...series.map((r) => (key === 'fetch' ? `${fmt(r.run.cpuUsPerRequest)} (abs.)` : fmt(r.overheadUs))),
        `${ratio(series[0]!.throughputRatio)} → ${ratio(series.at(-1)!.throughputRatio)}`,
        `${fmt(series[0]!.run.p50Ms, 2)} → ${fmt(series.at(-1)!.run.p50Ms, 1)}`,
      ];
    }),
    notes: [
      `${SWEEP_REQUESTS.toLocaleString('en-US')} requests per client and level (at least 3 × the concurrency), capped at ${SWEEP_CAP_MS / 1000} s (a slow client completes fewer), after a warm-up at that level.`,
      'The bare fetch row shows its own CPU µs per request, for scale.',
    ],
  };
  const heapTable: Table = {
    title: `${QUEUED.toLocaleString('en-US')} calls queued behind a limiter: heap growth per queued call`,
    columns: ['case', 'heap before', 'heap after', 'per queued call', 'time to issue the calls'],
    rows: heap.map((h) => [HEAP_CASES[h.case], bytes(h.heapBefore), bytes(h.heapAfter), bytes(h.perCall), `${fmt(h.msToQueue)} ms`]),
    notes: [
      `Each case in a fresh child process with --expose-gc: one call goes through first, then ${QUEUED.toLocaleString('en-US')} calls through client.getCustomer, never awaited; gc() and heapUsed before, and ${SETTLE_MS / 1000} s after issuing them.`,
      'Everything a queued call holds counts: its context, headers, URL, closures and promises in every layer, and the limiter’s own entry.',
    ],
  };
  return finish(
    {
      name: 'scale-memory',
      title: '4. Scale and memory',
      method: [
        'Heap: see the table notes. The loopback server is not involved (a stub fetch answers the one call that goes through).',
        'Concurrency sweep: node:http server on 127.0.0.1 in its own process; client CPU from process.cpuUsage(); gc() before each run.',
      ],
      tables: [
        heapTable,
        {
          title: `What one call queued behind the default limiter holds (heap snapshots around ${SNAPSHOT_CALLS.toLocaleString('en-US')} queued calls; growth per call, top 15)`,
          columns: ['kind of object', 'count per call', 'bytes per call'],
          rows: (breakdown.growth ?? []).map((g) => [g.name, fmt(g.countPerCall, 1), fmt(g.bytesPerCall)]),
          notes: [
            `Total: ${bytes(breakdown.perCall)} per call in this run. Self sizes only (what the object itself occupies), grouped by constructor; strings, arrays and code by type.`,
          ],
        },
        sweepTable,
      ],
      targets,
      findings,
      data: { heap: heap.map((h) => ({ ...h, label: HEAP_CASES[h.case] })), breakdown, sweep: rows },
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (process.argv[2] === '--heap') {
    process.stdout.write(
      `${JSON.stringify(await heapChild(process.argv[3] as HeapCase, Number(process.argv[4]), process.argv[5] === 'snapshot'))}\n`,
    );
  } else {
    if (QUICK) progress('BENCH_QUICK=1: a smoke run, not a measurement');
    await scaleMemory();
  }
  process.exit(0);
}
