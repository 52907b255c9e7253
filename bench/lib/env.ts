import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** `BENCH_QUICK=1` scales every benchmark down to a smoke run of a few seconds. */
export const QUICK = process.env.BENCH_QUICK === '1' || process.env.BENCH_QUICK === 'true';

/** The full-run value, or the quick one under `BENCH_QUICK=1`. */
export function scaled<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}

/** The bench folder (where RESULTS.md lives) and its `out/` folder for raw results and profiles (git-ignored). */
export const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));

/** The major version of the Node running this process, e.g. `24`. */
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** Where a benchmark run by Node `major` keeps its results, logs and profiles: out/node<major>/. */
export function resultDir(major: number = NODE_MAJOR): string {
  return join(OUT_DIR, `node${major}`);
}

/** What the numbers were measured on. */
export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  memoryGb: number;
  loadAvg: string;
  date: string;
  quick: boolean;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAvg: loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    date: new Date().toISOString(),
    quick: QUICK,
  };
}

/** True when this module is the script node was started with (so a benchmark runs when invoked alone, not when imported). */
export function isMain(meta: ImportMeta): boolean {
  const entry = process.argv[1];
  return entry !== undefined && fileURLToPath(meta.url) === entry;
}

/** The tsx loader as a URL, for `--import` in child processes started from any working directory. */
export const TSX_LOADER = import.meta.resolve('tsx');

/**
 * Node flags that make a child process run this folder's TypeScript the way `pnpm bench` does. Junction's
 * packages resolve to their built dist, as an installed package would: tsx would add a `__name()` call to every
 * closure of core's source (esbuild's keepNames), which costs CPU and about 1.3 KB of heap per queued call.
 */
export const CHILD_EXEC_ARGV = ['--import', TSX_LOADER];

/** The same, with Junction's packages loaded from their TypeScript source: CPU profiles can then name core's folders. */
export const SOURCE_EXEC_ARGV = ['--conditions=@junction/source', ...CHILD_EXEC_ARGV];

/** A full garbage collection: with --expose-gc, or by turning the flag on at run time (scripts run alone without it). */
export const collectGarbage: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
