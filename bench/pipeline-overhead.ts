/**
 * 1. Pipeline overhead: the same GETs with JSON bodies against a loopback
 * node:http server (in its own process, so process.cpuUsage() is the
 * client's alone), at concurrency 1 and 64: bare fetch (the floor), ky,
 * the official Stripe SDK, @octokit/request, the Junction client, and the
 * Junction pipeline built up one layer at a time. Variants run interleaved,
 * in a different order each round, after a warm-up; medians over rounds.
 *
 *   pnpm --filter @junction/bench exec tsx pipeline-overhead.ts
 */
import { collectGarbage, isMain, QUICK, scaled } from './lib/env.js';
import { type LoadRun, runLoad } from './lib/load.js';
import { type MicroResult, runMicro } from './lib/micro.js';
import { type BenchResult, finish, progress, type Table, type Target } from './lib/report.js';
import { startServer } from './lib/server.js';
import { fmt, median, ratio, shuffled, signed } from './lib/stats.js';
import { stubFetch } from './lib/stub-fetch.js';
import {
  fetchTimeoutVariant,
  fetchVariant,
  junctionBottleneckVariant,
  junctionKyVariant,
  junctionNoLimitsVariant,
  junctionUnmappedVariant,
  junctionVariant,
  kyVariant,
  LADDER,
  ladderVariant,
  octokitVariant,
  stripeVariant,
  type Variant,
} from './lib/variants.js';

/** GETs per headline variant (fetch, ky, Stripe, Octokit, Junction) and concurrency, split over the rounds. */
const TOTAL = Number(process.env.BENCH_REQUESTS ?? scaled(20_000, 1_500));
/** GETs per breakdown variant (layers, prototypes) and concurrency: fewer, to keep the run short; the stub-fetch section measures layers precisely. */
const BREAKDOWN_TOTAL = Math.round(TOTAL * 0.15);
const ROUNDS = scaled(5, 2);
/** BENCH_CONCURRENCY=64 (comma-separated) runs only those levels, for a quick look at one. */
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,64').split(',').map(Number);
/**
 * No variant may take longer than this per round: a slow one then reports the requests it managed, at its
 * real rate. The full-stack client, which bottleneck holds to ~150–300 req/s, gets the short cap: 20,000
 * of its calls would take over two minutes per concurrency level.
 */
const ROUND_CAP_MS = scaled(6_000, 600);
const SLOW_CAP_MS = scaled(2_500, 600);
const WARMUP = scaled(1_000, 200);
const WARMUP_CAP_MS = scaled(1_500, 400);
/** The in-process section (stub fetch, no network): calls per variant per round, and a cap per round. */
const STUB_CALLS = scaled(1_500, 300);
const MICRO_ITERATIONS = scaled(20_000, 2_000);
const STUB_CAP_MS = scaled(1_200, 200);
const HEADLINE = new Set(['fetch', 'fetch-timeout', 'ky', 'stripe', 'octokit', 'junction']);

/** What one variant measured at one concurrency: a run per round, and the same rounds' fetch runs. */
interface Measured {
  variant: Variant;
  runs: LoadRun[];
}

export interface OverheadSummary {
  key: string;
  label: string;
  group: Variant['group'];
  concurrency: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuUsPerRequest: number;
  /** Median over rounds of this variant's rps / fetch's rps in the same round. */
  throughputRatio: number;
  /** The lowest and highest of those per-round ratios: how far one round's verdict can sit from the median. */
  throughputRatioRange: [number, number];
  /** Median over rounds of (CPU µs per request − fetch's in the same round). */
  overheadCpuUs: number;
  p50Ratio: number;
  /** Median over rounds of (p50 ms − fetch's p50 ms in the same round). */
  p50AddedMs: number;
  p99Ratio: number;
  cpuRatio: number;
  errors: number;
  firstError?: string;
}

/** BENCH_ONLY=junction,layer:auth (comma-separated keys) keeps fetch plus those variants, for a quick look at a few. */
const ONLY = process.env.BENCH_ONLY?.split(',');

/** The same client code over an in-process stub fetch: no peers (they cannot all take a fetch). */
function makeStubVariants(): Variant[] {
  const origin = 'http://127.0.0.1:9';
  const all = [
    fetchVariant(origin, stubFetch),
    kyVariant(origin, stubFetch),
    ...LADDER.map((step) => ladderVariant(origin, step, stubFetch)),
    junctionVariant(origin, stubFetch),
    junctionNoLimitsVariant(origin, stubFetch),
    junctionUnmappedVariant(origin, stubFetch),
    junctionBottleneckVariant(origin, stubFetch),
    junctionKyVariant(origin, stubFetch),
  ];
  return ONLY ? all.filter((v) => v.key === 'fetch' || ONLY.includes(v.key)) : all;
}

function makeVariants(origin: string, port: number): Variant[] {
  const all = [
    fetchVariant(origin),
    fetchTimeoutVariant(origin),
    kyVariant(origin),
    stripeVariant(port),
    octokitVariant(origin),
    junctionVariant(origin),
    junctionNoLimitsVariant(origin),
    junctionUnmappedVariant(origin),
    junctionBottleneckVariant(origin),
    junctionKyVariant(origin),
    ...LADDER.map((step) => ladderVariant(origin, step)),
  ];
  return ONLY ? all.filter((v) => v.key === 'fetch' || ONLY.includes(v.key)) : all;
}

interface Plan {
  concurrency: number;
  requests: (v: Variant) => number;
  capMs: (v: Variant) => number;
  warmup: number;
  warmupCapMs: number;
  what: string;
}

async function measure(variants: Variant[], plan: Plan): Promise<Measured[]> {
  const { concurrency } = plan;
  for (const v of variants) {
    const warm = await runLoad(v.call, { concurrency, requests: plan.warmup, maxMs: plan.warmupCapMs });
    if (warm.errors > 0) throw new Error(`${v.label} failed during warm-up: ${warm.firstError}`);
  }
  const measured = variants.map((variant) => ({ variant, runs: [] as LoadRun[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const m of shuffled(measured, 7919 * (round + 1) + concurrency)) {
      collectGarbage();
      // Round r sends its share of the total, so the rounds add up to it exactly.
      const total = plan.requests(m.variant);
      const share = Math.floor(((round + 1) * total) / ROUNDS) - Math.floor((round * total) / ROUNDS);
      m.runs.push(await runLoad(m.variant.call, { concurrency, requests: share, maxMs: plan.capMs(m.variant) }));
    }
    progress(`${plan.what}: round ${round + 1}/${ROUNDS} done`);
  }
  return measured;
}

function summarize(measured: Measured[], concurrency: number): OverheadSummary[] {
  const floor = measured.find((m) => m.variant.key === 'fetch')!;
  return measured.map(({ variant, runs }) => {
    const rounds = (f: (run: LoadRun, base: LoadRun) => number) => runs.map((run, i) => f(run, floor.runs[i]!));
    const perRound = (f: (run: LoadRun, base: LoadRun) => number) => median(rounds(f));
    const throughputRounds = rounds((r, b) => r.rps / b.rps);
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    const firstError = runs.find((r) => r.firstError)?.firstError;
    return {
      key: variant.key,
      label: variant.label,
      group: variant.group,
      concurrency,
      requests: runs.reduce((sum, r) => sum + r.requests, 0),
      rps: median(runs.map((r) => r.rps)),
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      cpuUsPerRequest: median(runs.map((r) => r.cpuUsPerRequest)),
      throughputRatio: median(throughputRounds),
      throughputRatioRange: [Math.min(...throughputRounds), Math.max(...throughputRounds)],
      overheadCpuUs: perRound((r, b) => r.cpuUsPerRequest - b.cpuUsPerRequest),
      p50Ratio: perRound((r, b) => r.p50Ms / b.p50Ms),
      p50AddedMs: perRound((r, b) => r.p50Ms - b.p50Ms),
      p99Ratio: perRound((r, b) => r.p99Ms / b.p99Ms),
      cpuRatio: perRound((r, b) => r.cpuUsPerRequest / b.cpuUsPerRequest),
      errors,
      ...(firstError ? { firstError } : {}),
    };
  });
}

function comparisonTable(rows: OverheadSummary[], concurrency: number): Table {
  const shown = rows.filter((r) => !r.key.startsWith('layer:'));
  return {
    title: `Throughput, latency and client CPU at concurrency ${concurrency} (ratios to bare fetch, medians of ${ROUNDS} rounds)`,
    columns: [
      'client',
      'requests',
      'req/s',
      '× fetch',
      'p50 ms',
      '× fetch',
      'p99 ms',
      '× fetch',
      'CPU µs/req',
      '× fetch',
      'overhead µs/req',
    ],
    rows: shown.map((r) => [
      r.label,
      fmt(r.requests),
      fmt(r.rps),
      ratio(r.throughputRatio),
      fmt(r.p50Ms, 3),
      ratio(r.p50Ratio),
      fmt(r.p99Ms, 2),
      ratio(r.p99Ratio),
      fmt(r.cpuUsPerRequest, 1),
      ratio(r.cpuRatio),
      r.key === 'fetch' ? '–' : fmt(r.overheadCpuUs, 1),
    ]),
  };
}

const LADDER_TOP: Record<string, string> = {
  'junction-nolimit': '+ client: input zod, encode, output zod mapping (= client, no limits set)',
  junction: '+ a high limit, so the default limiter schedules every call (= client, full stack)',
};

function ladderRows(at: OverheadSummary[], label: string): string[][] {
  const steps = [...LADDER.map((s) => `layer:${s}`), 'junction-nolimit', 'junction']
    .map((key) => at.find((r) => r.key === key))
    .filter((r): r is OverheadSummary => r !== undefined);
  let previous: OverheadSummary | undefined;
  return steps.map((step) => {
    const row = [
      label,
      LADDER_TOP[step.key] ?? step.label,
      fmt(step.rps),
      ratio(step.throughputRatio),
      fmt(step.p50Ms, 3),
      fmt(step.cpuUsPerRequest, 1),
      fmt(step.overheadCpuUs, 1),
      fmt(step.overheadCpuUs - (previous?.overheadCpuUs ?? 0), 1),
    ];
    previous = step;
    return row;
  });
}

function ladderTable(all: OverheadSummary[], stub: OverheadSummary[]): Table {
  return {
    title: 'Overhead by layer: each row adds one layer to the row above (CPU µs per request over bare fetch)',
    columns: ['run', 'pipeline', 'req/s', '× fetch', 'p50 ms', 'CPU µs/req', 'over fetch µs', 'this layer µs'],
    rows: [
      ...ladderRows(stub, 'stub fetch, c=1'),
      ...CONCURRENCY.flatMap((c) =>
        ladderRows(
          all.filter((r) => r.concurrency === c),
          `loopback, c=${c}`,
        ),
      ),
    ],
    notes: [
      'Rows “transport only” to “+ idempotency” run the middleware functions of client/build-pipeline.ts, in its order, through core’s Pipeline, with a context built as createClient builds it; the last two rows of each run are the real client.',
      'Bottleneck comes last (from “no limits set” to a high limit) rather than after “+ rateLimit”: its 1 ms timer hops make every row above it noisy, and the layers add up the same in either order.',
      '“stub fetch”: the same code over an in-process fetch that answers at once (no socket, no server), so CPU per call is the client’s own work: the cleanest attribution. Loopback runs add the network and its noise.',
      '“this layer” = difference between consecutive rows’ medians. On this shared machine a run’s CPU per request varies by ±50–100 µs from run to run, so this ladder resolves the big steps but not layers of a few µs (a negative value means noise exceeded the layer’s cost): those are measured alone in the next table.',
    ],
  };
}

function stubTable(stub: OverheadSummary[]): Table {
  const shown = stub.filter((r) => !r.key.startsWith('layer:'));
  return {
    title: 'Client CPU per call without network (stub fetch, concurrency 1)',
    columns: ['client', 'calls', 'CPU µs/call', '× fetch', 'over fetch µs'],
    rows: shown.map((r) => [
      r.label,
      fmt(r.requests),
      fmt(r.cpuUsPerRequest, 1),
      ratio(r.cpuRatio),
      r.key === 'fetch' ? '–' : fmt(r.overheadCpuUs, 1),
    ]),
  };
}

function layerTable(micro: MicroResult[]): Table {
  return {
    title: 'Each layer alone, around a `next` that answers at once (CPU µs per call, sequential, median of 3 rounds)',
    columns: ['layer', 'where in packages/core/src', 'CPU µs per call'],
    rows: micro.filter((m) => m.kind === 'layer').map((m) => [m.name, m.where, fmt(m.us, 1)]),
    notes: [
      'No fetch, no ky, no other layer: what the layer itself costs per call. Bottleneck’s figure includes the timer hops it schedules (it cannot run a job without them).',
    ],
  };
}

function microTable(micro: MicroResult[]): Table {
  return {
    title: 'What core does per call, each step timed alone (CPU µs, tight loop, median of 3 rounds)',
    columns: ['step', 'where in packages/core/src', 'µs each', 'times per GET', 'µs per GET'],
    rows: micro.filter((m) => m.kind === 'step').map((m) => [m.name, m.where, fmt(m.us, 2), String(m.perCall), fmt(m.usPerCall, 1)]),
    notes: [
      'Promise-returning steps (pRetry) are awaited in one batch, so their figure includes the microtask turns they take.',
      '“times per GET” 0: shown for comparison, not on the path any more.',
    ],
  };
}

export async function pipelineOverhead(): Promise<BenchResult> {
  const startedAt = performance.now();
  const micro = await runMicro(MICRO_ITERATIONS, 3);
  progress('per-step timings done');

  const stubVariants = makeStubVariants();
  const stub = summarize(
    await measure(stubVariants, {
      concurrency: 1,
      requests: () => STUB_CALLS * ROUNDS,
      capMs: () => STUB_CAP_MS,
      warmup: WARMUP,
      warmupCapMs: WARMUP_CAP_MS,
      what: 'stub fetch',
    }),
    1,
  );
  await Promise.all(stubVariants.map((v) => v.close?.()));

  const server = await startServer({ mode: 'json' });
  const all: OverheadSummary[] = [];
  try {
    for (const concurrency of CONCURRENCY) {
      const variants = makeVariants(server.origin, server.port);
      const measured = await measure(variants, {
        concurrency,
        requests: (v) => (HEADLINE.has(v.key) ? TOTAL : BREAKDOWN_TOTAL),
        capMs: (v) => (v.key === 'junction' ? SLOW_CAP_MS : ROUND_CAP_MS),
        warmup: WARMUP,
        warmupCapMs: WARMUP_CAP_MS,
        what: `loopback, concurrency ${concurrency}`,
      });
      all.push(...summarize(measured, concurrency));
      await Promise.all(variants.map((v) => v.close?.()));
    }
  } finally {
    await server.close();
  }

  const at = (key: string, c: number) => all.find((r) => r.key === key && r.concurrency === c);
  const stubAt = (key: string) => stub.find((r) => r.key === key);
  const targets: Target[] = [];
  const findings: string[] = [];
  const full64 = at('junction', 64);
  const full1 = at('junction', 1);
  const fetch64 = at('fetch', 64);
  const fetch1 = at('fetch', 1);
  if (full64 && fetch64) {
    const aim = full64.throughputRatio >= 0.85 && full64.throughputRatio < 0.9 ? '; below the 0.90 aim' : '';
    targets.push({
      name: 'Full-stack throughput, concurrency 64',
      target: '≥ 0.85 × bare fetch (aim 0.90)',
      measured: `${ratio(full64.throughputRatio)} (${fmt(full64.rps)} vs ${fmt(fetch64.rps)} req/s; rounds ${ratio(full64.throughputRatioRange[0])}–${ratio(full64.throughputRatioRange[1])}${aim})`,
      met: full64.throughputRatio >= 0.85,
      why: `median over ${ROUNDS} rounds of (the full-stack client’s req/s ÷ bare fetch’s in the same round); “rounds” gives the lowest and highest of them, and a run’s median moves with the machine’s load.`,
    });
  }
  if (full1 && fetch1) {
    targets.push({
      name: 'Full-stack added p50 latency, concurrency 1',
      target: '< 0.1 ms over bare fetch',
      measured: `${signed(full1.p50AddedMs, 3)} ms (p50 ${fmt(full1.p50Ms, 3)} vs ${fmt(fetch1.p50Ms, 3)} ms)`,
      met: full1.p50AddedMs < 0.1,
      why: 'added p50 = median over rounds of (the full-stack client’s p50 − bare fetch’s p50 in the same round), loopback, one call at a time.',
    });
  }
  const wholeCore = micro.find((m) => m.kind === 'layer' && m.name.startsWith('the whole client'));
  if (wholeCore) {
    targets.push({
      name: 'Core’s own CPU per call',
      target: '< 30 µs',
      measured: `${fmt(wholeCore.us, 1)} µs`,
      met: wholeCore.us < 30,
      why:
        'the whole client with a middleware answering in place of the transport (input validation, encoding, context, every layer, output mapping; no fetch, no limits): ' +
        'CPU µs per call, sequential, median of 3 rounds (table “Each layer alone”).',
    });
  }
  for (const key of ['junction-unmapped', 'junction-bottleneck', 'junction-ky']) {
    const p64 = at(key, 64);
    const s = stubAt(key);
    if (p64 && full64) {
      findings.push(
        `${p64.label}: ${ratio(p64.throughputRatio)} of fetch at c=64, ${fmt(p64.overheadCpuUs, 1)} µs CPU over fetch per request` +
          `${s ? ` (stub fetch: ${fmt(s.overheadCpuUs, 1)} µs)` : ''}; the shipped client: ${ratio(full64.throughputRatio)}, ${fmt(full64.overheadCpuUs, 1)} µs.`,
      );
    }
  }
  for (const r of [...stub, ...all].filter((x) => x.errors > 0))
    findings.push(`${r.label} at c=${r.concurrency}: ${r.errors} errors, first: ${r.firstError}`);
  return finish(
    {
      name: 'pipeline-overhead',
      title: '1. Pipeline overhead',
      method: [
        `Loopback: ${TOTAL.toLocaleString('en-US')} GETs per headline client (fetch, fetch with a timeout signal, ky, Stripe SDK, Octokit, Junction) and concurrency, ${BREAKDOWN_TOTAL.toLocaleString('en-US')} per breakdown variant (layers, prototypes), ` +
          `in ${ROUNDS} interleaved rounds (a new order each round), each variant-round capped at ${ROUND_CAP_MS / 1000} s (the full-stack client at ${SLOW_CAP_MS / 1000} s, so a slow one completes fewer: see "requests"), after a warm-up of ${WARMUP} calls per variant.`,
        'Server: node:http on 127.0.0.1 in a separate process (child_process.fork, never a worker thread, so the client’s process.cpuUsage() excludes it); the same ~1 KB JSON body (a Stripe customer) on every route, keep-alive.',
        'Client CPU = process.cpuUsage() (user + system) of the benchmark process over a run / requests completed; gc() before each run. Latency = each call timed with performance.now().',
        'Ratios are taken per round against the bare-fetch run of the same round, then the median over rounds.',
        'Junction full stack: createClient with bearer auth, default idempotency and retry, rateLimit { requests: 1,000,000 per 1 s } (so the default limiter schedules every call but never binds), input and output zod schemas.',
        'Stripe SDK 23.1.0: customers.retrieve with host/port/protocol at the loopback server (its own keep-alive http.Agent). Octokit: @octokit/request 10 GET /repos/{owner}/{repo} with baseUrl (global fetch).',
        `Stub section: the same client code over an in-process fetch that answers at once, ${STUB_CALLS.toLocaleString('en-US')} sequential calls per variant per round (cap ${STUB_CAP_MS / 1000} s).`,
      ],
      tables: [
        ...CONCURRENCY.map((c) =>
          comparisonTable(
            all.filter((r) => r.concurrency === c),
            c,
          ),
        ),
        stubTable(stub),
        ladderTable(all, stub),
        layerTable(micro),
        microTable(micro),
      ],
      targets,
      findings,
      data: { loopback: all, stub, micro },
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (QUICK) progress('BENCH_QUICK=1: a smoke run, not a measurement');
  await pipelineOverhead();
  process.exit(0);
}
