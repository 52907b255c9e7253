/**
 * Runs every benchmark, each in a fresh process, under each Node of
 * `BENCH_NODES` (default `24,20`; the first is the headline), then prints one
 * table and writes RESULTS.md (with the machine it ran on). `pnpm bench` from
 * the repository root; `BENCH_QUICK=1 pnpm bench` for a smoke run (seconds, not
 * measurements; RESULTS.md is then written to out/RESULTS.quick.md instead).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, CHILD_EXEC_ARGV, machine, OUT_DIR, QUICK, resultDir } from './lib/env.js';
import { type NodeBinary, resolveNodes } from './lib/node-binaries.js';
import { type BenchResult, markdownTable, readResult } from './lib/report.js';
import { type NodeRun, resultsMarkdown, summaryTable } from './lib/results-md.js';

interface Step {
  name: string;
  script: string;
  args?: string[];
  nodeFlags?: string[];
  /** Runs on the headline Node only (it takes long, and its figures explain rather than judge). */
  headlineOnly?: boolean;
}

export const STEPS: Step[] = [
  { name: 'pipeline-overhead', script: 'pipeline-overhead.ts', nodeFlags: ['--expose-gc'] },
  {
    name: 'profile',
    script: 'profile.ts',
    args: ['fetch,ky,junction-nolimit,junction-ky,junction', '64'],
    headlineOnly: true,
  },
  { name: 'webhook-verification', script: 'webhook-verification.ts', nodeFlags: ['--expose-gc'] },
  { name: 'rate-limit-efficiency', script: 'rate-limit-efficiency.ts' },
  { name: 'scale-memory', script: 'scale-memory.ts', nodeFlags: ['--expose-gc'] },
  { name: 'footprint', script: 'footprint.ts' },
  { name: 'shared-limiter', script: 'shared-limiter.ts' },
];

/** Runs one step under one Node; returns its result, or why it failed. */
function runStep(step: Step, node: NodeBinary): BenchResult | string {
  process.stderr.write(`\n▶ ${step.name} on Node ${node.major}\n`);
  const t0 = performance.now();
  const out = spawnSync(node.path, [...(step.nodeFlags ?? []), ...CHILD_EXEC_ARGV, join(BENCH_DIR, step.script), ...(step.args ?? [])], {
    cwd: BENCH_DIR,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 15 * 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const log = `out/node${node.major}/${step.name}.log`;
  mkdirSync(resultDir(node.major), { recursive: true });
  writeFileSync(join(resultDir(node.major), `${step.name}.log`), out.stdout ?? '');
  process.stderr.write(`  ${step.name} on Node ${node.major}: ${((performance.now() - t0) / 1000).toFixed(0)} s (report in ${log})\n`);
  const result = readResult(step.name, node.major);
  if (out.status !== 0 || !result) return `${step.name} on Node ${node.major} failed (exit ${out.status ?? out.signal}); see ${log}`;
  return result;
}

const startedAt = performance.now();
mkdirSync(OUT_DIR, { recursive: true });
const nodes = resolveNodes(process.env.BENCH_NODES ?? '24,20');
const only = process.env.BENCH_STEPS?.split(',');
const runs: NodeRun[] = nodes.map((node) => ({ node, results: [] }));
const failures: string[] = [];
for (const step of STEPS) {
  // Step by step, each Node in turn: both see the machine in the same state.
  for (const run of step.headlineOnly ? runs.slice(0, 1) : runs) {
    if (only && !only.includes(step.name)) {
      const previous = readResult(step.name, run.node.major);
      if (previous) run.results.push(previous);
      continue;
    }
    const result = runStep(step, run.node);
    if (typeof result === 'string') failures.push(result);
    else run.results.push(result);
  }
}

const seconds = (performance.now() - startedAt) / 1000;
console.log(`\n${markdownTable(summaryTable(runs))}\n`);
for (const failure of failures) console.log(`- ${failure}`);
const target = QUICK ? join(OUT_DIR, 'RESULTS.quick.md') : join(BENCH_DIR, 'RESULTS.md');
writeFileSync(target, resultsMarkdown(runs, machine(), seconds, failures));
// Aligned as the repository's formatter wants it, so a fresh RESULTS.md passes `pnpm lint`.
spawnSync('pnpm', ['exec', 'biome', 'format', '--write', target], { cwd: BENCH_DIR, stdio: 'ignore' });
console.log(`Total ${seconds.toFixed(0)} s. Written to ${target.replace(fileURLToPath(new URL('../', import.meta.url)), '')}.`);
process.exit(failures.length > 0 ? 1 : 0);
