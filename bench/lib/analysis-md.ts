import type { SharedLimiterData } from '../shared-limiter.js';
import { type BenchResult, markdownTable } from './report.js';
import {
  comparedRows,
  dataOf,
  type FootprintData,
  importMs,
  loopbackRow,
  microUs,
  type NodeRun,
  type OverheadData,
  type ProfileData,
  type RateLimitRow,
  type ScaleData,
  webhookUs,
} from './result-data.js';
import { bytes, fmt, ratio, signed } from './stats.js';

type Figure = (results: BenchResult[]) => string;

/** A figure on the headline Node with the other Nodes' beside it, `0.91× (Node 20: 0.84×)`; `–` where one is missing. */
function beside(runs: readonly NodeRun[], figure: Figure): string {
  const [headline, ...others] = runs;
  if (!headline) return '–';
  const rest = others.map((run) => ({ major: run.node.major, value: figure(run.results) })).filter((o) => o.value !== '–');
  const head = figure(headline.results);
  return rest.length > 0 ? `${head} (${rest.map((o) => `Node ${o.major}: ${o.value}`).join(', ')})` : head;
}

/**
 * What the figures of this run say, benchmark by benchmark, quoting the run's own numbers: the headline Node's,
 * with the others' in parentheses. It states what was measured and where the cost sits, not what caused it:
 * causes belong to the profiles and to the owners' reading of them.
 */
export function analysis(runs: readonly NodeRun[]): string[] {
  const headline = runs[0]?.results ?? [];
  const has = (name: string) => runs.some((run) => run.results.some((r) => r.name === name));
  return [
    '## Analysis',
    '',
    ...(has('pipeline-overhead') ? pipelineProse(runs) : []),
    ...(has('profile') ? profileProse(headline) : []),
    ...(has('webhook-verification') ? webhookProse(runs, headline) : []),
    ...(has('rate-limit-efficiency') ? rateLimitProse(runs) : []),
    ...(has('scale-memory') ? scaleProse(runs, headline) : []),
    ...(has('footprint') ? footprintProse(runs, headline) : []),
    ...(has('shared-limiter') ? sharedLimiterProse(runs) : []),
  ];
}

function pipelineProse(runs: readonly NodeRun[]): string[] {
  const headline = runs[0]!.results;
  const overhead = dataOf<OverheadData>(headline, 'pipeline-overhead');
  const row =
    (key: string, c: number): Figure =>
    (results) =>
      ratio(loopbackRow(results, key, c)?.throughputRatio ?? Number.NaN);
  const layers = (overhead?.micro ?? []).filter((m) => m.kind === 'layer' && !m.name.startsWith('the whole client'));
  const stub = (overhead?.stub ?? []).filter((r) => r.key !== 'fetch' && !r.key.startsWith('layer:'));
  const fetchStub = overhead?.stub.find((r) => r.key === 'fetch');
  const fetch64 = loopbackRow(headline, 'fetch', 64);
  const out = [
    '### 1. Pipeline overhead',
    '',
    `The full-stack client does ${beside(runs, row('junction', 64))} of bare fetch’s requests per second at c=64 (target 0.85×, aim 0.90×), ` +
      `and adds ${beside(runs, (r) => `${signed(loopbackRow(r, 'junction', 1)?.p50AddedMs ?? Number.NaN, 3)} ms`)} to the p50 at c=1 (target < 0.1 ms).`,
    '',
    `Core’s own work per call, measured as the whole client with a middleware answering in place of the transport (input validation, encoding, context, every layer, output mapping; no fetch, no limits): ` +
      `**${beside(runs, (r) => `${fmt(microUs(r, 'layer', 'the whole client'), 1)} µs`)}** (target < 30 µs). ` +
      `Each layer alone, around a \`next\` that answers at once: ${layers.map((m) => `${m.name} ${fmt(m.us, 1)} µs`).join('; ')}.`,
    '',
  ];
  if (fetchStub && stub.length > 0) {
    out.push(
      `Over an in-process stub fetch (no socket: CPU per call is the client’s own), bare fetch costs ${fmt(fetchStub.cpuUsPerRequest, 1)} µs per call; over that: ` +
        `${stub.map((r) => `${r.label} ${signed(r.overheadCpuUs, 1)} µs`).join('; ')}.`,
      '',
    );
  }
  if (fetch64) {
    const peers = new Map(runs.flatMap((run) => comparedRows(run.results, 64)).map((r) => [r.key, r.label]));
    out.push(
      `For scale: bare fetch itself costs ${beside(runs, (r) => `${fmt(loopbackRow(r, 'fetch', 64)?.cpuUsPerRequest ?? Number.NaN)} µs`)} of client CPU per request at c=64. ` +
        'There the client process is CPU-bound, so throughput follows CPU per request: 0.85 × fetch needs the client within about 18% of fetch’s CPU (1 / 0.85), ' +
        `${fmt(fetch64.cpuUsPerRequest * (1 / 0.85 - 1))} µs per request on this machine. ` +
        `The others at c=64: ${[...peers].map(([key, label]) => `${label} ${beside(runs, row(key, 64))}`).join('; ')}.`,
      '',
    );
  }
  if (loopbackRow(headline, 'fetch-timeout', 64)) {
    out.push(
      `What the attempt’s timeout costs by itself: bare fetch given an AbortController’s signal and a timer, as core’s transport sends every attempt, ` +
        `does ${beside(runs, row('fetch-timeout', 64))} of bare fetch at c=64, ${beside(runs, (r) => `${signed(loopbackRow(r, 'fetch-timeout', 64)?.overheadCpuUs ?? Number.NaN, 1)} µs`)} of CPU per request over it ` +
        `(the full stack: ${beside(runs, (r) => `${signed(loopbackRow(r, 'junction', 64)?.overheadCpuUs ?? Number.NaN, 1)} µs`)}). ` +
        'undici follows each request’s signal with a weak reference, a finalization entry and an abort listener.',
      '',
    );
  }
  const observe = microUs(headline, 'layer', 'observe (nobody');
  out.push(
    '### Earlier changes to core these figures include',
    '',
    `- **Events only for listeners** (pipeline/observe.ts; \`RequestContext.listens(name)\`): observe redacts the URL and headers only for events someone reads. The layer alone: ${fmt(observe, 1)} µs with no listener, ` +
      `${fmt(microUs(headline, 'layer', 'observe (a listener'), 1)} µs with one (redactor.url ${fmt(microUs(headline, 'step', 'redactor.url'), 1)} µs, redactor.headers ${fmt(microUs(headline, 'step', 'redactor.headers'), 1)} µs).`,
    '- **The limiter’s request summary on demand** (rate-limit/rate-limit-middleware.ts): `ScheduleOptions.request` is a getter, read only when the limiter refuses a call.',
    '- **Policies merged once per client** (retry-middleware.ts, inspect-middleware.ts, idempotency-middleware.ts): again only for a call that brings its own `retry` option.',
    '- **Dependencies only some calls need load on first use** (internal/lazy-module.ts): a cheaper cold import, and a CommonJS build that works (`check:package` sends real calls through both builds).',
    `- **p-retry’s options spelled out** (retry-middleware.ts): p-retry fills in missing options on a spread copy, a V8 slow path on some Node versions: ${beside(runs, (r) => `${fmt(microUs(r, 'step', 'pRetry, 2 options'), 1)} → ${fmt(microUs(r, 'step', 'pRetry, all its options'), 1)} µs`)} per call.`,
    '- **No zod and no qs at import** (schema/zod-def.ts, encoding/form.ts): core rebuilds schemas through their own `clone(def)` rather than zod’s factories, and encodes brackets itself (a differential test holds it equal to qs on 2,000 generated values); `openEnum` moved to `@junction/core/utils`.',
    '- **Less per call** (connector/path.ts, encode-request.ts, create-client.ts): path templates split once rather than a regex replace per call; the input sorted into path, query and body without copying it and deleting keys (which sends an object to V8’s dictionary mode); every context built with the same shape; the idempotency layer and observe (with no listener) are plain functions rather than async ones (a promise and its ticks less each); auth headers checked inside the auth layer, without a proxy over the strategy.',
    '- **The benchmarks run the built packages**, as users do: from core’s TypeScript source through tsx, every closure would get a `__name()` call (esbuild’s keepNames), which costs heap and CPU users never pay.',
    '',
  );
  return out;
}

/** The profiles by owner, every variant profiled as a column (they run on the headline Node only). */
function profileProse(headline: BenchResult[]): string[] {
  const profiles = (dataOf<ProfileData[]>(headline, 'profile') ?? []).filter((p) => p.key !== 'webhook');
  if (profiles.length === 0) return [];
  const labels = new Map((dataOf<OverheadData>(headline, 'pipeline-overhead')?.loopback ?? []).map((r) => [r.key, r.label]));
  const isCore = (owner: string) => owner.startsWith('@junction/core');
  const owners = [...new Set(profiles.flatMap((p) => Object.keys(p.perRequestUs)))]
    .filter((o) => !isCore(o) && o !== 'v8 (idle)')
    .map((o) => ({ o, top: Math.max(...profiles.map((p) => p.perRequestUs[o] ?? 0)) }))
    .filter(({ top }) => top >= 1)
    .sort((a, b) => b.top - a.top)
    .map(({ o }) => o);
  const coreUs = (p: ProfileData) =>
    Object.entries(p.perRequestUs)
      .filter(([owner]) => isCore(owner))
      .reduce((sum, [, us]) => sum + us, 0);
  return [
    '### Profile evidence (node --cpu-prof, c=64, self time per request during the measured section, µs)',
    '',
    markdownTable({
      title: '',
      columns: ['owner', ...profiles.map((p) => labels.get(p.key) ?? p.key)],
      rows: [
        ...owners.map((o) => [o, ...profiles.map((p) => fmt(p.perRequestUs[o] ?? 0, 1))]),
        ['@junction/core (all folders)', ...profiles.map((p) => fmt(coreUs(p), 1))],
        ['process.cpuUsage() per request', ...profiles.map((p) => fmt(p.cpuUsPerRequest, 1))],
      ],
    }),
    '',
    'Owners with at least 1 µs per request in some column. Full tables and the hottest functions: section “Profiles” below; the .cpuprofile files are in bench/out/node<major>/profiles/ (open them in Chrome DevTools).',
    '',
  ];
}

function webhookProse(runs: readonly NodeRun[], headline: BenchResult[]): string[] {
  const us = (payload: string, key: string) => beside(runs, (r) => fmt(webhookUs(r, payload, key), 1));
  const receiverAdds = (r: BenchResult[]) =>
    fmt(webhookUs(r, 'stripe-1024', 'junction-receiver') - webhookUs(r, 'stripe-1024', 'junction-composed'), 1);
  const wh = dataOf<ProfileData[]>(headline, 'profile')?.find((p) => p.key === 'webhook');
  return [
    '### 2. Webhook verification',
    '',
    `Per 1 KB event (wall µs, one thread): stripe-node constructEvent (verify + parse) ${us('stripe-1024', 'stripe-sdk')}, Junction verify + parse ${us('stripe-1024', 'junction-verify')}; ` +
      `with the same dedupe: stripe-node ${us('stripe-1024', 'stripe-sdk-dedupe')}, Junction verify + parse + dedupe ${us('stripe-1024', 'junction-composed')}, ` +
      `the full receiver (verify, parse, dedupe, typed dispatch) ${us('stripe-1024', 'junction-receiver')}. ` +
      `At 16 KB, where the HMAC over the body dominates: stripe-node + dedupe ${us('stripe-16384', 'stripe-sdk-dedupe')}, the receiver ${us('stripe-16384', 'junction-receiver')}.`,
    '',
    `What the receiver adds over verify + parse + dedupe is the typed event, ${beside(runs, receiverAdds)} µs per 1 KB event: two lenient zod parses (the envelope, then the event’s schema); ` +
      'stripe-node hands back an unchecked object. A lenient mode that passes unknown keys through without copying them would change the output’s key order: a decision for the schema’s owner.',
    '',
    ...(wh
      ? [
          `Hottest functions of Junction’s verify + JSON.parse (1 KB, ${fmt(wh.cpuUsPerRequest, 1)} µs CPU per event, headline Node):`,
          '',
          ...wh.topFunctions.slice(0, 10).map((t) => `- ${t}`),
          '',
        ]
      : []),
  ];
}

function rateLimitProse(runs: readonly NodeRun[]): string[] {
  const row = (r: BenchResult[], key: string) => dataOf<RateLimitRow[]>(r, 'rate-limit-efficiency')?.find((x) => x.key === key);
  const goodput = (key: string) => beside(runs, (r) => fmt(row(r, key)?.goodput ?? Number.NaN, 3));
  const rejected = (key: string) => beside(runs, (r) => fmt(row(r, key)?.server429 ?? Number.NaN));
  const share = (key: string) => beside(runs, (r) => `${fmt((row(r, key)?.share429 ?? Number.NaN) * 100, 1)}%`);
  const rows = dataOf<RateLimitRow[]>(runs[0]!.results, 'rate-limit-efficiency') ?? [];
  const limiter = rows.find((r) => r.key === 'junction-limiter');
  const margin = rows.find((r) => r.key === 'junction-margin');
  const idealSeconds = limiter ? limiter.seconds / limiter.vsIdeal : Number.NaN;
  const others = rows.filter((r) => r.key !== 'junction-limiter' && r.key !== 'junction-margin');
  return [
    '### 3. Rate-limit efficiency',
    '',
    `At the server’s limit the limiter reached ${goodput('junction-limiter')} of the limit with ${rejected('junction-limiter')} × 429 (target ≥ 0.97, < 1%)` +
      `${margin ? `; ${margin.label.replace(/^Junction: /, '')}: ${rejected('junction-margin')} × 429 at ${goodput('junction-margin')} of the server’s limit (target 0)` : ''}. ` +
      `Without a limiter, the share of requests answered 429: ${others.map((r) => `${r.label} ${share(r.key)}`).join('; ')}.`,
    '',
    'A limit set exactly to the server’s is on a knife-edge: a client window that opens a few ms before the server’s bucket has refilled meets it a token short. ' +
      `Each 429 here carries \`Retry-After\` in whole seconds, and core pauses the whole bucket for that long: one 429 costs up to a second of goodput, ${fmt(100 / idealSeconds, 1)}% of an ideal run. ` +
      'A declared margin trades that risk for a fixed share of the limit.',
    '',
  ];
}

function scaleProse(runs: readonly NodeRun[], headline: BenchResult[]): string[] {
  const scale = dataOf<ScaleData>(headline, 'scale-memory');
  if (!scale) return [];
  const heapOf = (r: BenchResult[], c: string) => dataOf<ScaleData>(r, 'scale-memory')?.heap.find((h) => h.case === c)?.perCall;
  const series = [...new Set(scale.sweep.map((r) => r.key))].filter((k) => k !== 'fetch');
  const missed = scale.heap.filter((h) => h.case !== 'prototype').some((h) => h.perCall >= 1024);
  return [
    '### 4. Scale and memory',
    '',
    `A queued call holds: ${scale.heap.map((h) => `${h.label ?? h.case}, ${beside(runs, (r) => bytes(heapOf(r, h.case) ?? Number.NaN))}`).join('; ')} (target < 1 KB for core’s cases). ` +
      `The largest kinds of object per queued call in the heap-snapshot breakdown (headline Node): ${(scale.breakdown.growth ?? [])
        .slice(0, 5)
        .map((g) => `${g.name.trim()} ${fmt(g.bytesPerCall)} B`)
        .join(', ')}.`,
    ...(missed
      ? [
          '',
          'By the time a call waits for the limiter it has its context, its per-attempt fork, and a suspended frame with its promises in each layer around the limiter. ' +
            'Under 1 KB needs the wait to come before that state is built, e.g. the client asks the limiter for a slot before it builds the context, with the queue holding a compact record (operation, input, resolve).',
        ]
      : []),
    '',
    `Overhead over bare fetch from c=1 to c=1,000 (client CPU µs per request, headline Node): ${series
      .map((key) => {
        const rows = scale.sweep.filter((r) => r.key === key);
        return `${rows[0]?.label}: ${rows.map((r) => fmt(r.overheadUs)).join(' → ')} µs (throughput ${ratio(rows[0]?.throughputRatio ?? Number.NaN)} → ${ratio(rows.at(-1)?.throughputRatio ?? Number.NaN)} of fetch)`;
      })
      .join('; ')}.`,
    '',
  ];
}

function footprintProse(runs: readonly NodeRun[], headline: BenchResult[]): string[] {
  const at = (key: string) => beside(runs, (r) => `${fmt(importMs(r, key), 0)} ms`);
  const deps = (dataOf<FootprintData>(headline, 'footprint')?.imports ?? []).filter((i) => i.key.startsWith('dep:'));
  return [
    '### 5. Footprint',
    '',
    `Importing core costs ${at('core')} against ${at('ky')} for ky alone: ${beside(runs, (r) => ratio(importMs(r, 'core') / importMs(r, 'ky')))} (target ≤ 1.5×); core with a connector ${at('core-connector')}. ` +
      `Core’s root entry loads neither zod (${at('zod')} alone) nor qs: zod is a peer that the user’s schemas load (the connector row includes it), and core rebuilds schemas through their own methods; forms are encoded by core itself. ` +
      `Core’s dependencies, each imported alone: ${deps.map((d) => `${d.key.slice(4)} ${at(d.key)}`).join(', ')} (openid-client and p-retry load on first use).`,
    '',
  ];
}

function sharedLimiterProse(runs: readonly NodeRun[]): string[] {
  const data = (r: BenchResult[]) => dataOf<SharedLimiterData>(r, 'shared-limiter');
  const head = data(runs[0]!.results);
  if (!head) return [];
  const shared = head.limiter;
  const limiter = (figure: (l: SharedLimiterData['limiter']) => string) =>
    beside(runs, (r) => {
      const l = data(r)?.limiter;
      return l ? figure(l) : '–';
    });
  const cost = (key: string, c: number, side: 'redisWallUs' | 'memoryWallUs' | 'redisCpuUs') =>
    beside(runs, (r) => fmt(data(r)?.overhead.find((o) => o.key === key && o.concurrency === c)?.[side] ?? Number.NaN, 1));
  const stores = ['once-new', 'token-get', 'token-set', 'cursor-get', 'cursor-set'] as const;
  const label = (key: string) => head.overhead.find((o) => o.key === key)?.label ?? key;
  return [
    '### 6. Shared Redis limiter and Redis stores',
    '',
    `${shared.processes} processes sharing one Redis bucket of ${shared.limit}/s reached ${limiter((l) => fmt(l.goodput, 3))} of the server’s limit over the whole run ` +
      `(target ≥ 0.95), with at most ${limiter((l) => String(l.maxPerSecond))} requests in any sliding second and ${limiter((l) => `${fmt(l.server429)} × 429`)} (target < 1%). ` +
      `Once running, the bucket kept a pace of ${limiter((l) => fmt(l.steadyGoodput, 3))} of the limit. ` +
      'A slot comes back a second after its call’s answer, so each cycle is a second plus a request’s time to its answer and the next acquire; and the calls answered last in one second are sent last in the next, ' +
      `so a second’s requests spread out as the run goes on (the last ${shared.limit} took ${limiter((l) => `${fmt(l.lastSecondSpreadMs)} ms`)}): a run that drains a backlog waits for that spread at its end, which the steady pace leaves out.`,
    '',
    `Asking Redis instead of memory, wall µs per call at c=1 → c=16: the limiter’s schedule (acquire + release) ${cost('limiter', 1, 'redisWallUs')} → ${cost('limiter', 16, 'redisWallUs')} ` +
      `against ${cost('limiter', 1, 'memoryWallUs')} → ${cost('limiter', 16, 'memoryWallUs')} for core’s createLimiter; ` +
      `${stores.map((key) => `${label(key)} ${cost(key, 1, 'redisWallUs')} → ${cost(key, 16, 'redisWallUs')}`).join('; ')}. ` +
      'At c=1 the figure is a loopback round trip or two; at c=16 the round trips overlap and what is left is the client’s own CPU per call (ioredis and the store), the CPU column of the table.',
    '',
  ];
}
