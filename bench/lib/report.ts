import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Machine, machine, NODE_MAJOR, resultDir } from './env.js';

/** A table of formatted cells. */
export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
  notes?: string[];
}

/** One target of the brief, judged on this run. */
export interface Target {
  name: string;
  target: string;
  measured: string;
  /** null when the benchmark could not judge it (e.g. the quick run measured too little). */
  met: boolean | null;
  why?: string;
}

/** What one benchmark script writes to out/<name>.json and prints. */
export interface BenchResult {
  name: string;
  title: string;
  machine: Machine;
  seconds: number;
  /** How the numbers were obtained, for RESULTS.md. */
  method: string[];
  tables: Table[];
  targets: Target[];
  /** Observations worth reading, with their evidence. */
  findings: string[];
  data?: unknown;
}

export function markdownTable(table: Table): string {
  const cellText = (cell: string) => cell.replaceAll('|', '\\|');
  const lines = [
    `| ${table.columns.map(cellText).join(' | ')} |`,
    `| ${table.columns.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cellText).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function targetTable(targets: readonly Target[]): Table {
  return {
    title: 'Targets',
    columns: ['target', 'goal', 'measured', 'verdict'],
    rows: targets.map((t) => [t.name, t.target, t.measured, verdict(t.met)]),
  };
}

export function verdict(met: boolean | null): string {
  return met === null ? 'n/a' : met ? 'MET' : 'MISSED';
}

/** Prints a result as markdown to stdout. */
export function printResult(result: BenchResult): void {
  const parts = [`## ${result.title}`, ''];
  for (const table of result.tables) {
    parts.push(`### ${table.title}`, '', markdownTable(table), '');
    for (const note of table.notes ?? []) parts.push(`- ${note}`);
    if (table.notes?.length) parts.push('');
  }
  if (result.targets.length > 0) parts.push('### Targets', '', markdownTable(targetTable(result.targets)), '');
  for (const t of result.targets) if (t.why) parts.push(`- **${t.name}**: ${t.why}`);
  if (result.findings.length > 0) parts.push('', '### Findings', '', ...result.findings.map((f) => `- ${f}`));
  console.log(parts.join('\n'));
}

/** Writes out/node<major>/<name>.json (the Node running it) and prints the result. */
export function finish(result: Omit<BenchResult, 'machine' | 'seconds'>, startedAt: number): BenchResult {
  const full: BenchResult = { ...result, machine: machine(), seconds: Math.round((performance.now() - startedAt) / 100) / 10 };
  mkdirSync(resultDir(), { recursive: true });
  writeFileSync(join(resultDir(), `${result.name}.json`), `${JSON.stringify(full, null, 2)}\n`);
  printResult(full);
  return full;
}

/** The last result of benchmark `name` run by Node `major`, if any. */
export function readResult(name: string, major: number = NODE_MAJOR): BenchResult | undefined {
  try {
    return JSON.parse(readFileSync(join(resultDir(major), `${name}.json`), 'utf8')) as BenchResult;
  } catch {
    return undefined;
  }
}

/** Logs progress to stderr, so stdout stays the report. */
export function progress(message: string): void {
  process.stderr.write(`  · ${message}\n`);
}
