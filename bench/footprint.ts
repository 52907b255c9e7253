/**
 * 5. Footprint: cold import time (fresh child processes, median of many
 * runs, interleaved) of @junction/core's built dist, of core plus one
 * connector, and of ky alone; and the size of each package's built output,
 * minified and gzipped, bundled by esbuild with its dependencies external.
 *
 *   pnpm --filter @junction/bench exec tsx footprint.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BENCH_DIR, isMain, QUICK, scaled } from './lib/env.js';
import { type BenchResult, finish, progress, type Table, type Target } from './lib/report.js';
import { bytes, fmt, median, ratio, shuffled } from './lib/stats.js';

const RUNS = scaled(15, 5);
const PACKAGES = fileURLToPath(new URL('../packages/', import.meta.url));
const coreDist = join(PACKAGES, 'core/dist/index.js');
const paymentsStripeDist = join(PACKAGES, 'payments/dist/stripe.js');
const kyEntry = fileURLToPath(import.meta.resolve('ky'));
const zodEntry = fileURLToPath(import.meta.resolve('zod'));
/** core's runtime dependencies, as its package.json declares them today. */
const coreDependencies = Object.keys(
  (JSON.parse(readFileSync(join(PACKAGES, 'core/package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
);

/** Builds a package's dist with its own build script when it is missing; returns why not, if it cannot. */
function ensureDist(pkg: string, entry: string): string | undefined {
  if (existsSync(entry)) return undefined;
  progress(`${pkg}: dist missing, running pnpm --filter @junction/${pkg} build`);
  try {
    execFileSync('pnpm', ['--filter', `@junction/${pkg}`, 'build'], {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 300_000,
    });
    return existsSync(entry) ? undefined : 'the build ran but produced no entry file';
  } catch (error) {
    return `its build failed: ${String((error as { stderr?: Buffer }).stderr ?? error).slice(0, 300)}`;
  }
}

interface ImportCase {
  key: string;
  label: string;
  /** Where bare specifiers resolve from (default bench/). */
  cwd?: string;
  /** An ES module body run with `node --input-type=module -e`; it must print the ms it measured. */
  script: string;
}

const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
const timed = (body: string) => `const t0 = performance.now();\n${body}\nprocess.stdout.write(String(performance.now() - t0));`;

function importCases(hasPayments: boolean): ImportCase[] {
  const cases: ImportCase[] = [
    {
      key: 'ky',
      label: 'ky alone (import + ky.create)',
      script: timed(`const { default: ky } = await import(${url(kyEntry)}); ky.create({});`),
    },
    { key: 'zod', label: 'zod alone (import)', script: timed(`await import(${url(zodEntry)});`) },
    { key: 'core', label: '@junction/core dist (import)', script: timed(`await import(${url(coreDist)});`) },
    {
      key: 'core-connector',
      label: '@junction/core + one connector (defineConnector, zod schemas, createClient)',
      script: timed(`
const { bearer, createClient, defineConnector, defineOperation } = await import(${url(coreDist)});
const { z } = await import(${url(zodEntry)});
const api = defineConnector({ name: 'acme', baseUrl: 'https://api.example.com', auth: bearer(), operations: {
  getCustomer: defineOperation({ method: 'GET', path: '/v1/customers/{id}', input: z.object({ id: z.string() }), output: z.object({ id: z.string(), email: z.string().nullable() }) }),
} });
createClient(api, { credentials: { token: 'sk_test_x' } });`),
    },
  ];
  // core's own dependencies, each alone, resolved from packages/core as core resolves them (ky and zod have rows above).
  for (const dep of coreDependencies.filter((d) => d !== 'ky' && d !== 'zod')) {
    cases.push({
      key: `dep:${dep}`,
      label: `  core dependency alone: ${dep}`,
      cwd: join(PACKAGES, 'core'),
      script: timed(`await import('${dep}');`),
    });
  }
  if (hasPayments) {
    cases.push({
      key: 'payments-stripe',
      label: '@junction/payments/stripe dist (the Stripe connector, import + createStripeClient)',
      script: timed(
        `const { createStripeClient } = await import(${url(paymentsStripeDist)}); createStripeClient({ apiKey: 'sk_test_x' });`,
      ),
    });
  }
  return cases;
}

interface ImportResult {
  key: string;
  label: string;
  medianMs: number;
  processMs: number;
  runs: number;
  error?: string;
}

function runImport(c: ImportCase): { ms: number; processMs: number } | { error: string } {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', c.script], {
    encoding: 'utf8',
    cwd: c.cwd ?? BENCH_DIR,
    timeout: 60_000,
  });
  const processMs = performance.now() - t0;
  if (out.status !== 0) return { error: (out.stderr || out.stdout).trim().split('\n').slice(0, 3).join(' ') };
  return { ms: Number(out.stdout), processMs };
}

function measureImports(cases: ImportCase[]): ImportResult[] {
  const samples = new Map(
    cases.map((c) => [c.key, { ms: [] as number[], processMs: [] as number[], error: undefined as string | undefined }]),
  );
  // An empty node process, for scale.
  const bare: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['--input-type=module', '-e', ''], { cwd: BENCH_DIR });
    if (run > 0) bare.push(performance.now() - t0);
    for (const c of shuffled(cases, run + 1)) {
      const r = runImport(c);
      const s = samples.get(c.key)!;
      if ('error' in r) s.error = r.error;
      // The first round warms the file cache and is not kept.
      else if (run > 0) {
        s.ms.push(r.ms);
        s.processMs.push(r.processMs);
      }
    }
  }
  return [
    { key: 'node', label: 'empty node process (for scale)', medianMs: Number.NaN, processMs: median(bare), runs: bare.length },
    ...cases.map((c) => {
      const s = samples.get(c.key)!;
      return {
        key: c.key,
        label: c.label,
        medianMs: median(s.ms),
        processMs: median(s.processMs),
        runs: s.ms.length,
        ...(s.error ? { error: s.error } : {}),
      };
    }),
  ];
}

interface SizeResult {
  label: string;
  entry: string;
  minified: number;
  gzipped: number;
  note?: string;
}

async function bundleSize(label: string, entries: string[], external: boolean): Promise<SizeResult> {
  const result = await build({
    entryPoints: entries,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    outdir: '/tmp/junction-bench-esbuild',
    logLevel: 'silent',
    ...(external ? { packages: 'external' as const } : {}),
  });
  // Shared code is inlined in each entry: count each output once, then sum.
  const minified = result.outputFiles.reduce((sum, f) => sum + f.contents.byteLength, 0);
  const gzipped = result.outputFiles.reduce((sum, f) => sum + gzipSync(f.contents, { level: 9 }).byteLength, 0);
  return { label, entry: entries.map((e) => e.replace(PACKAGES, 'packages/')).join(', '), minified, gzipped };
}

export async function footprint(): Promise<BenchResult> {
  const startedAt = performance.now();
  const notes: string[] = [];
  const coreMissing = ensureDist('core', coreDist);
  if (coreMissing) throw new Error(`@junction/core has no dist and ${coreMissing}`);
  const paymentsMissing = ensureDist('payments', paymentsStripeDist);
  if (paymentsMissing) notes.push(`@junction/payments: not measured, ${paymentsMissing}`);
  const testingDist = join(PACKAGES, 'testing/dist/index.js');
  const testingMissing = ensureDist('testing', testingDist);
  if (testingMissing) notes.push(`@junction/testing: not measured, ${testingMissing}`);
  notes.push(`core dist built ${statSync(coreDist).mtime.toISOString()} (measured as found; rebuilt only when missing).`);

  const imports = measureImports(importCases(!paymentsMissing));
  progress('import times: done');
  const ky = imports.find((r) => r.key === 'ky')!;

  const sizes: SizeResult[] = [await bundleSize('@junction/core', [coreDist], true)];
  if (!testingMissing) sizes.push(await bundleSize('@junction/testing', [testingDist], true));
  if (!paymentsMissing) {
    sizes.push(await bundleSize('@junction/payments (root: unified interface)', [join(PACKAGES, 'payments/dist/index.js')], true));
    sizes.push(await bundleSize('@junction/payments/stripe', [paymentsStripeDist], true));
    sizes.push(await bundleSize('@junction/payments/stripe/sandbox', [join(PACKAGES, 'payments/dist/stripe-sandbox.js')], true));
  }
  const withDeps = await bundleSize('@junction/core with all its dependencies inlined (what an app ships)', [coreDist], false);
  withDeps.note = coreDependencies.join(', ');
  const kySize = await bundleSize('ky alone (for scale)', [kyEntry], false);
  progress('bundle sizes: done');

  const at = (key: string) => imports.find((r) => r.key === key && !r.error);
  const core = at('core');
  const connector = at('core-connector');
  const targets: Target[] = [
    {
      name: 'Cold import of @junction/core',
      target: '≤ 1.5 × ky alone',
      measured:
        core && !ky.error
          ? `${ratio(core.medianMs / ky.medianMs)} (${fmt(core.medianMs, 0)} vs ${fmt(ky.medianMs, 0)} ms; core + a connector ${fmt(connector?.medianMs ?? Number.NaN, 0)} ms)`
          : 'not measured (an import failed: see the table)',
      met: core && !ky.error ? core.medianMs <= 1.5 * ky.medianMs : null,
    },
  ];
  const importTable: Table = {
    title: `Cold import time (fresh node process each run, median of ${RUNS} interleaved runs)`,
    columns: ['what', 'import ms (in-process)', '× ky', 'whole process ms'],
    rows: imports.map((r) => [
      r.label,
      r.error ? `failed: ${r.error}` : fmt(r.medianMs, 1),
      r.key === 'node' || r.error ? '–' : ratio(r.medianMs / ky.medianMs),
      fmt(r.processMs, 0),
    ]),
    notes: [
      '“import ms”: performance.now() around the dynamic import (and set-up, where listed) inside the child; “whole process”: spawn to exit, as seen by the parent.',
      'Plain node, no tsx, no source condition: packages resolve to their built dist as an installed package would.',
    ],
  };
  const sizeTable: Table = {
    title: 'Built output size (esbuild bundle of the dist entry, minified, ESM, dependencies external unless said; gzip -9)',
    columns: ['package entry', 'minified', 'gzipped'],
    rows: [...sizes, withDeps, kySize].map((s) => [s.note ? `${s.label} (${s.note})` : s.label, bytes(s.minified), bytes(s.gzipped)]),
    notes,
  };
  return finish(
    {
      name: 'footprint',
      title: '5. Footprint',
      method: [
        `Imports: each case is an ES module script run with \`node --input-type=module -e\` in a fresh process (cwd bench/), ${RUNS} runs per case after one discarded warm-up round, cases shuffled each round; median.`,
        'Sizes: esbuild 0.28 bundles each package’s built dist entry with `packages: "external"`, minify, format esm, platform node; gzip level 9 of the output.',
      ],
      tables: [importTable, sizeTable],
      targets,
      findings: [],
      data: { imports, sizes: [...sizes, withDeps, kySize] },
    },
    startedAt,
  );
}

if (isMain(import.meta)) {
  if (QUICK) progress('BENCH_QUICK=1: a smoke run, not a measurement');
  await footprint();
  process.exit(0);
}
