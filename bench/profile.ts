/**
 * Profiles variants of the pipeline benchmark with `node --cpu-prof`: each
 * variant runs in a child process (warm-up, then a measured load at the
 * given concurrency against a loopback server in another process), writes a
 * .cpuprofile to bench/out/node<major>/profiles/, and the self time is summed by owner
 * (bottleneck, ky, zod, undici, core folders…), per request.
 *
 *   pnpm --filter @junction/bench exec tsx profile.ts [keys] [concurrency]
 *   e.g. profile.ts fetch,junction,junction-bottleneck 64
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeProfile } from './lib/cpuprofile.js';
import { isMain, OUT_DIR, resultDir, SOURCE_EXEC_ARGV, scaled } from './lib/env.js';
import { runLoad } from './lib/load.js';
import { type BenchResult, finish, progress, type Table } from './lib/report.js';
import { startServer } from './lib/server.js';
import { fmt } from './lib/stats.js';
import {
  fetchVariant,
  junctionBottleneckVariant,
  junctionKyVariant,
  junctionNoLimitsVariant,
  junctionVariant,
  kyVariant,
  LADDER,
  ladderVariant,
  type Variant,
} from './lib/variants.js';

const PROFILE_DIR = join(resultDir(), 'profiles');
const REQUESTS = scaled(4_000, 600);
const WEBHOOK_EVENTS = scaled(40_000, 2_000);
const WARMUP = scaled(1_500, 200);
/** Owners shown as rows; the rest are summed as "other". */
const MIN_SHARE = 0.01;

function variantFor(key: string, origin: string): Variant {
  const makers: Record<string, () => Variant> = {
    fetch: () => fetchVariant(origin),
    ky: () => kyVariant(origin),
    junction: () => junctionVariant(origin),
    'junction-nolimit': () => junctionNoLimitsVariant(origin),
    'junction-bottleneck': () => junctionBottleneckVariant(origin),
    'junction-ky': () => junctionKyVariant(origin),
  };
  for (const step of LADDER) makers[`layer:${step}`] = () => ladderVariant(origin, step);
  const make = makers[key];
  if (!make) throw new Error(`unknown variant ${key}; try ${Object.keys(makers).join(', ')}`);
  return make();
}

/** In the child: Junction's Stripe webhook verify + JSON.parse of 1 KB events, under the profiler. */
async function webhookChild(): Promise<void> {
  const { createHmac, randomBytes } = await import('node:crypto');
  const { stripeVerifier } = await import('@junction/payments/stripe');
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const verifier = stripeVerifier({ secret });
  const make = (i: number) => {
    const body = Buffer.from(
      JSON.stringify({ id: `evt_${i}`, object: 'event', type: 'customer.updated', data: { object: { pad: 'x'.repeat(880) } } }),
    );
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
    return { body, headers: { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` } };
  };
  const warm = Array.from({ length: 5_000 }, (_, i) => make(i));
  for (const d of warm) verifier.verify(d);
  const events = Array.from({ length: WEBHOOK_EVENTS }, (_, i) => make(i));
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const cpu0 = process.cpuUsage();
  for (const d of events) {
    verifier.verify(d);
    JSON.parse(d.body.toString('utf8'));
  }
  const cpu = process.cpuUsage(cpu0);
  const toUs = Number(process.hrtime.bigint() / 1000n);
  process.stdout.write(
    `${JSON.stringify({ requests: events.length, errors: 0, fromUs, toUs, cpuUsPerRequest: (cpu.user + cpu.system) / events.length })}\n`,
  );
}

/** In the child: load one variant under the profiler, print how many requests it completed. */
async function child(key: string, concurrency: number): Promise<void> {
  const server = await startServer({ mode: 'json' });
  const variant = variantFor(key, server.origin);
  await runLoad(variant.call, { concurrency, requests: WARMUP, maxMs: 5_000 });
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const run = await runLoad(variant.call, { concurrency, requests: REQUESTS, maxMs: scaled(8_000, 2_000) });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  await variant.close?.();
  await server.close();
  process.stdout.write(
    `${JSON.stringify({ requests: run.requests, errors: run.errors, fromUs, toUs, cpuUsPerRequest: run.cpuUsPerRequest })}\n`,
  );
}

interface Profiled {
  key: string;
  requests: number;
  cpuUsPerRequest: number;
  file: string;
  perRequestUs: Map<string, number>;
  totalUs: number;
  topFunctions: string[];
}

function profileOne(key: string, concurrency: number): Profiled {
  const dir = join(PROFILE_DIR, `${key.replace(':', '-')}-c${concurrency}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const script = fileURLToPath(import.meta.url);
  const childArgs = key === 'webhook' ? ['--webhook'] : ['--child', key, String(concurrency)];
  const out = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...SOURCE_EXEC_ARGV, script, ...childArgs], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 120_000,
  });
  if (out.status !== 0) throw new Error(`profiling ${key} failed (${out.status}): ${out.stdout}`);
  const { requests, fromUs, toUs, cpuUsPerRequest } = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as {
    requests: number;
    fromUs: number;
    toUs: number;
    cpuUsPerRequest: number;
  };
  const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
  const summary = summarizeProfile(file, 14, { fromUs, toUs });
  const perRequestUs = new Map(summary.byOwner.map((b) => [b.name, (b.selfMs * 1000) / requests]));
  return {
    key,
    requests,
    cpuUsPerRequest,
    file,
    perRequestUs,
    totalUs: [...perRequestUs.entries()].filter(([k]) => k !== 'v8 (idle)').reduce((s, [, v]) => s + v, 0),
    topFunctions: summary.byFunction
      .filter((f) => !f.name.startsWith('(idle)'))
      .map((f) => `${fmt((f.selfMs * 1000) / requests, 1)} µs ${f.name}`),
  };
}

export async function profile(keys: string[], concurrency: number): Promise<BenchResult> {
  const startedAt = performance.now();
  const profiled = keys.map((key) => {
    progress(`profiling ${key} at concurrency ${concurrency}`);
    return profileOne(key, concurrency);
  });
  progress('profiling webhook verification');
  const webhook = profileOne('webhook', 1);
  const owners = new Set<string>();
  for (const p of profiled) {
    for (const [owner, us] of p.perRequestUs) if (owner !== 'v8 (idle)' && us >= p.totalUs * MIN_SHARE) owners.add(owner);
  }
  const ownerRows = [...owners].sort(
    (a, b) => Math.max(...profiled.map((p) => p.perRequestUs.get(b) ?? 0)) - Math.max(...profiled.map((p) => p.perRequestUs.get(a) ?? 0)),
  );
  const table: Table = {
    title: `CPU self time per request by owner, concurrency ${concurrency} (node --cpu-prof; measured section only, idle excluded)`,
    columns: ['owner', ...profiled.map((p) => `${p.key} µs/req`)],
    rows: [
      ...ownerRows.map((owner) => [owner, ...profiled.map((p) => fmt(p.perRequestUs.get(owner) ?? 0, 1))]),
      ['other', ...profiled.map((p) => fmt(p.totalUs - ownerRows.reduce((s, o) => s + (p.perRequestUs.get(o) ?? 0), 0), 1))],
      ['total (sampled, excl. idle)', ...profiled.map((p) => fmt(p.totalUs, 1))],
      ['process.cpuUsage() of the same run', ...profiled.map((p) => fmt(p.cpuUsPerRequest, 1))],
    ],
    notes: profiled.map((p) => `${p.key}: ${p.requests} requests, profile ${p.file.replace(`${OUT_DIR}`, 'bench/out/')}`),
  };
  const tops: Table[] = [...profiled, webhook].map((p) => ({
    title:
      p.key === 'webhook'
        ? `Hottest functions (self time per event): Junction stripeVerifier().verify + JSON.parse, 1 KB events (${fmt(p.cpuUsPerRequest, 1)} µs CPU per event)`
        : `Hottest functions (self time per request): ${p.key}`,
    columns: ['self µs per call, function, file:line [owner]'],
    rows: p.topFunctions.map((f) => [f]),
  }));
  return finish(
    {
      name: 'profile',
      title: 'Profiles (node --cpu-prof)',
      method: [
        `Each variant in its own child process under \`node --cpu-prof\`: ${WARMUP} warm-up + ${REQUESTS} measured requests at concurrency ${concurrency}. ` +
          'Only samples taken during the measured requests count (the profile clock is process.hrtime); self time is summed by the package or core folder that owns each frame, divided by the requests made.',
      ],
      tables: [table, ...tops],
      targets: [],
      findings: [],
      data: [...profiled, webhook].map((p) => ({
        key: p.key,
        requests: p.requests,
        cpuUsPerRequest: p.cpuUsPerRequest,
        perRequestUs: Object.fromEntries(p.perRequestUs),
        topFunctions: p.topFunctions,
      })),
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (process.argv[2] === '--child') {
    await child(process.argv[3]!, Number(process.argv[4]));
  } else if (process.argv[2] === '--webhook') {
    await webhookChild();
  } else {
    await profile((process.argv[2] ?? 'fetch,junction,junction-bottleneck').split(','), Number(process.argv[3] ?? 64));
  }
  process.exit(0);
}
