import type { SharedLimiterData } from '../shared-limiter.js';
import { analysis } from './analysis-md.js';
import type { Machine } from './env.js';
import { type BenchResult, markdownTable, type Table, targetTable, verdict } from './report.js';
import { comparedRows, dataOf, type FootprintData, importMs, loopbackRow, type NodeRun } from './result-data.js';
import { BESIDE, sideBySide } from './side-by-side.js';
import { bytes, fmt, ratio, signed } from './stats.js';

export type { NodeRun } from './result-data.js';

/** `Node 24`. */
export const nodeLabel = (run: NodeRun): string => `Node ${run.node.major}`;

/**
 * One table: every target with the headline Node's (the first run's) figure and verdict, each other Node's
 * beside it; then the numbers worth seeing at a glance, for comparison.
 */
export function summaryTable(runs: readonly NodeRun[]): Table {
  const [headline, ...others] = runs;
  if (!headline) throw new Error('summaryTable needs at least one Node run');
  // Every (benchmark, target) any Node measured, in the headline's order first.
  const keys = new Map<string, { title: string; name: string; goal: string }>();
  for (const run of runs) {
    for (const r of run.results) {
      for (const t of r.targets) {
        const key = `${r.name}\u0000${t.name}`;
        if (!keys.has(key)) keys.set(key, { title: r.title, name: t.name, goal: t.target });
      }
    }
  }
  const targetOf = (run: NodeRun, key: string) => {
    const [name, target] = key.split('\u0000');
    return run.results.find((r) => r.name === name)?.targets.find((t) => t.name === target);
  };
  const rows: string[][] = [...keys].map(([key, { title, name, goal }]) => {
    const head = targetOf(headline, key);
    return [
      title,
      name,
      goal,
      head?.measured ?? 'not run',
      head ? verdict(head.met) : 'n/a',
      ...others.map((run) => {
        const t = targetOf(run, key);
        return t ? `${t.measured} — ${verdict(t.met)}` : 'not run';
      }),
    ];
  });

  const compared = (benchmark: string, measure: string, cell: (results: BenchResult[]) => string | undefined) => {
    const cells = runs.map((run) => cell(run.results));
    if (cells.every((c) => c === undefined)) return;
    const [head, ...rest] = cells;
    rows.push([benchmark, measure, '(for comparison)', head ?? '–', '–', ...rest.map((c) => c ?? '–')]);
  };
  // Every peer and Junction variant the pipeline benchmark measured, so a new one in lib/variants.ts shows up here.
  const variantKeys = new Map<string, string>();
  for (const run of runs)
    for (const row of comparedRows(run.results, 64)) if (!variantKeys.has(row.key)) variantKeys.set(row.key, row.label);
  for (const [key, label] of variantKeys) {
    compared('1. Pipeline overhead', `${label}, c=64`, (results) => {
      const at64 = loopbackRow(results, key, 64);
      if (!at64) return undefined;
      const added = loopbackRow(results, key, 1)?.p50AddedMs;
      return (
        `${ratio(at64.throughputRatio)} of fetch req/s, ${fmt(at64.overheadCpuUs, 1)} µs CPU over fetch` +
        `${added === undefined ? '' : `; p50 at c=1 ${signed(added, 3)} ms`}`
      );
    });
  }
  compared('5. Footprint', 'cold import: core + a connector', (results) => {
    const ms = importMs(results, 'core-connector');
    return Number.isNaN(ms) ? undefined : `${fmt(ms, 0)} ms (${ratio(ms / importMs(results, 'ky'))} ky)`;
  });
  compared('5. Footprint', 'size of @junction/core dist', (results) => {
    const size = dataOf<FootprintData>(results, 'footprint')?.sizes[0];
    return size ? `${bytes(size.minified)} min, ${bytes(size.gzipped)} gzip` : undefined;
  });
  compared('6. Shared Redis limiter and Redis stores', 'Redis store overhead: wall µs per call at c=1 / c=16 (in memory)', (results) => {
    const overhead = dataOf<SharedLimiterData>(results, 'shared-limiter')?.overhead;
    if (!overhead) return undefined;
    const at = (key: string, c: number) => overhead.find((o) => o.key === key && o.concurrency === c);
    const pair = (key: string, name: string) => {
      const [one, many] = [at(key, 1), at(key, 16)];
      if (!one || !many) return [];
      return [`${name} ${fmt(one.redisWallUs)} / ${fmt(many.redisWallUs)} (${fmt(one.memoryWallUs, 1)} / ${fmt(many.memoryWallUs, 1)})`];
    };
    return [
      ...pair('limiter', 'limiter'),
      ...pair('once-new', 'once, a new key'),
      ...pair('token-get', 'token get'),
      ...pair('token-set', 'token set'),
      ...pair('cursor-get', 'cursor get'),
      ...pair('cursor-set', 'cursor set'),
    ].join('; ');
  });
  return {
    title: 'Summary',
    columns: ['benchmark', 'measure', 'goal', nodeLabel(headline), 'verdict', ...others.map(nodeLabel)],
    rows,
  };
}

/** RESULTS.md: machine, how to run, the summary, the analysis, then every benchmark's tables, the Nodes side by side. */
export function resultsMarkdown(runs: readonly NodeRun[], machine: Machine, seconds: number, failures: string[]): string {
  const [headline, ...others] = runs;
  if (!headline) throw new Error('resultsMarkdown needs at least one Node run');
  const out: string[] = [
    '# Junction benchmarks: results',
    '',
    `Generated by \`pnpm bench\` (bench/run.ts) on ${machine.date}${machine.quick ? ' — **BENCH_QUICK=1 smoke run, not a measurement**' : ''}. Do not edit by hand: rerun.`,
    '',
    '| machine | |',
    '| --- | --- |',
    `| CPU | ${machine.cpu} |`,
    `| cores | ${machine.cores} (shared, noisy: compare ratios within a run, not absolute times) |`,
    `| memory | ${machine.memoryGb} GB |`,
    `| Node (headline) | ${headline.node.version} |`,
    ...others.map((run) => `| Node (beside it) | ${run.node.version} |`),
    `| platform | ${machine.platform} |`,
    `| load average at the end | ${machine.loadAvg} |`,
    `| total run time | ${fmt(seconds / 60, 1)} min |`,
    '',
    '## How to run',
    '',
    '```sh',
    'pnpm bench                                   # everything, on Node 24 then Node 20 step by step; writes bench/RESULTS.md',
    'BENCH_QUICK=1 pnpm bench                     # smoke run; writes bench/out/RESULTS.quick.md',
    'BENCH_NODES=20 pnpm bench                    # only these Node majors (the first is the headline; default 24,20)',
    'BENCH_STEPS=webhook-verification pnpm bench  # rerun some steps, keep the others’ last results',
    'cd bench && pnpm exec tsx pipeline-overhead.ts   # one benchmark alone, on this Node (after pnpm build: it runs the built packages)',
    'cd bench && pnpm exec tsx profile.ts fetch,junction 64   # CPU profiles (node --cpu-prof; core from its source)',
    '```',
    '',
    'Raw results: `bench/out/node<major>/<benchmark>.json`, reports `bench/out/node<major>/<benchmark>.log`, profiles `bench/out/node<major>/profiles/` (git-ignored). ' +
      `Every step runs under each Node in turn${others.length > 0 ? `, except the profiles: they take long and explain the figures rather than judge them, so they run on ${nodeLabel(headline)} only` : ''}.`,
    '',
    '## Summary',
    '',
    others.length > 0
      ? `Headline figures on ${nodeLabel(headline)}, with ${others.map(nodeLabel).join(' and ')} beside them (the last column${others.length > 1 ? 's' : ''}), each as ratios within the same run.`
      : `Figures on ${nodeLabel(headline)}.`,
    '',
    markdownTable(summaryTable(runs)),
    '',
    ...failures.map((f) => `- **${f}**`),
    '',
    ...analysis(runs),
  ];
  out.push(...sections(runs));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** Each benchmark's method, tables, targets and findings, with every Node's figures side by side in one table. */
function sections(runs: readonly NodeRun[]): string[] {
  const out: string[] = [];
  const names = [...new Set(runs.flatMap((run) => run.results.map((r) => r.name)))];
  for (const name of names) {
    const each = runs.map((run) => run.results.find((r) => r.name === name));
    const labels = runs.map(nodeLabel);
    const ran = each.flatMap((result, i) => (result ? [{ label: labels[i]!, result }] : []));
    const missing = runs.filter((_, i) => !each[i]).map(nodeLabel);
    const first = ran[0]!.result;
    const timing = ran.map(({ label, result }) => `${label}: ${fmt(result.seconds, 0)} s`).join(', ');
    const legend = ran.length > 1 ? ` Two values in a cell: ${ran.map((r) => r.label).join(BESIDE)} (one value: the same on each).` : '';
    out.push(
      `## ${first.title}`,
      '',
      `_${timing}${missing.length > 0 ? `; not run on ${missing.join(', ')}` : ''}.${legend}_`,
      '',
      ...first.method.map((m) => `- ${m}`),
      '',
    );
    for (const table of first.tables) {
      const merged = sideBySide(
        each.map((r) => r?.tables.find((t) => t.title === table.title)),
        labels,
      )!;
      out.push(`### ${merged.title}`, '', markdownTable(merged), '');
      if (merged.notes?.length) out.push(...merged.notes.map((n) => `- ${n}`), '');
    }
    if (first.targets.length > 0) {
      const merged = sideBySide(
        each.map((r) => (r ? targetTable(r.targets) : undefined)),
        labels,
      )!;
      out.push('### Targets', '', markdownTable(merged), '');
      for (const t of first.targets) if (t.why) out.push(`- **${t.name}**: ${t.why}`);
      out.push('');
    }
    const findings = ran.flatMap(({ label, result }, i) => result.findings.map((f) => (i === 0 ? f : `${label}: ${f}`)));
    if (findings.length > 0) out.push('### Findings', '', ...findings.map((f) => `- ${f}`), '');
  }
  return out;
}
