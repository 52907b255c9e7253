import { spawnSync } from 'node:child_process';
import { NODE_MAJOR } from './env.js';

/** A Node binary the benchmarks run under. */
export interface NodeBinary {
  major: number;
  /** The full version, e.g. `v24.21.0`. */
  version: string;
  path: string;
}

/**
 * The Node binaries named by `list` (majors, comma-separated, e.g. `24,20`; the first is the headline).
 * The running Node serves its own major; any other is fetched once with `npx -y -p node@<major>` and then
 * spawned directly, so the benchmarks pay no npx start-up.
 */
export function resolveNodes(list: string): NodeBinary[] {
  const majors = list.split(',').map((m) => m.trim());
  const bad = majors.filter((m) => !/^\d+$/.test(m));
  if (bad.length > 0 || majors.length === 0) {
    throw new Error(`BENCH_NODES must list Node major versions, e.g. "24,20" or "20"; got "${list}".`);
  }
  return [...new Set(majors.map(Number))].map(resolveNode);
}

function resolveNode(major: number): NodeBinary {
  if (major === NODE_MAJOR) return { major, version: process.version, path: process.execPath };
  process.stderr.write(`Resolving Node ${major} (npx -y -p node@${major})…\n`);
  const out = spawnSync('npx', ['-y', '-p', `node@${major}`, 'node', '-p', 'process.execPath + " " + process.version'], {
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  const [path, version] = (out.stdout ?? '').trim().split('\n').at(-1)?.split(' ') ?? [];
  if (out.status !== 0 || !path || !version?.startsWith(`v${major}.`)) {
    throw new Error(
      `Could not get Node ${major} with \`npx -y -p node@${major} node\` (exit ${out.status ?? out.signal}: ${(out.stderr ?? '').trim().slice(0, 300)}). ` +
        `Check the network and the npm registry, or choose other versions with BENCH_NODES (e.g. BENCH_NODES=${NODE_MAJOR}).`,
    );
  }
  return { major, version, path };
}
