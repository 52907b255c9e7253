/**
 * Runs every benchmark, each in a fresh process, then prints one table and
 * writes RESULTS.md (with the machine it ran on). `pnpm bench` from the
 * repository root; `BENCH_QUICK=1 pnpm bench` for a smoke run (seconds, not
 * measurements; RESULTS.md is then written to out/RESULTS.quick.md instead).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_DIR, CHILD_EXEC_ARGV, machine, OUT_DIR, QUICK } from './lib/env.js';
import { type BenchResult, markdownTable, readResult } from './lib/report.js';
import { resultsMarkdown, summaryTable } from './lib/results-md.js';

interface Step {
  name: string;
  script: string;
  args?: string[];
  nodeFlags?: string[];
}

export const STEPS: Step[] = [
  { name: 'pipeline-overhead', script: 'pipeline-overhead.ts', nodeFlags: ['--expose-gc'] },
  { name: 'profile', script: 'profile.ts', args: ['fetch,ky,junction-nolimit,junction-lean,junction', '64'] },
  { name: 'webhook-verification', script: 'webhook-verification.ts', nodeFlags: ['--expose-gc'] },
  { name: 'rate-limit-efficiency', script: 'rate-limit-efficiency.ts' },
  { name: 'scale-memory', script: 'scale-memory.ts', nodeFlags: ['--expose-gc'] },
  { name: 'footprint', script: 'footprint.ts' },
];

const startedAt = performance.now();
mkdirSync(OUT_DIR, { recursive: true });
const only = process.env.BENCH_STEPS?.split(',');
const results: BenchResult[] = [];
const failures: string[] = [];
for (const step of STEPS) {
  if (only && !only.includes(step.name)) {
    const previous = readResult(step.name);
    if (previous) results.push(previous);
    continue;
  }
  process.stderr.write(`\n▶ ${step.name}\n`);
  const t0 = performance.now();
  const out = spawnSync(
    process.execPath,
    [...(step.nodeFlags ?? []), ...CHILD_EXEC_ARGV, join(BENCH_DIR, step.script), ...(step.args ?? [])],
    {
      cwd: BENCH_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      timeout: 15 * 60_000,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  writeFileSync(join(OUT_DIR, `${step.name}.log`), out.stdout ?? '');
  process.stderr.write(`  ${step.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s (report in out/${step.name}.log)\n`);
  const result = readResult(step.name);
  if (out.status !== 0 || !result) failures.push(`${step.name} failed (exit ${out.status ?? out.signal}); see out/${step.name}.log`);
  else results.push(result);
}

const seconds = (performance.now() - startedAt) / 1000;
const summary = summaryTable(results);
console.log(`\n${markdownTable(summary)}\n`);
for (const failure of failures) console.log(`- ${failure}`);
const target = QUICK ? join(OUT_DIR, 'RESULTS.quick.md') : join(BENCH_DIR, 'RESULTS.md');
writeFileSync(target, resultsMarkdown(results, machine(), seconds, failures));
// Aligned as the repository's formatter wants it, so a fresh RESULTS.md passes `pnpm lint`.
spawnSync('pnpm', ['exec', 'biome', 'format', '--write', target], { cwd: BENCH_DIR, stdio: 'ignore' });
console.log(`Total ${seconds.toFixed(0)} s. Written to ${target.replace(fileURLToPath(new URL('../', import.meta.url)), '')}.`);
process.exit(failures.length > 0 ? 1 : 0);
