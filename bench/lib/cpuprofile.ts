import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time in one bucket. */
export interface Bucket {
  name: string;
  selfMs: number;
}

export interface ProfileSummary {
  totalMs: number;
  byOwner: Bucket[];
  byFunction: Bucket[];
}

/**
 * Who owns a frame: a package under node_modules (bottleneck, ky, zod, p-retry…),
 * a core source folder (core/rate-limit…), Node's bundled undici (fetch),
 * other Node internals, or V8's own pseudo-frames (GC, program, idle).
 */
export function ownerOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? `v8 ${functionName}` : 'native';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  const core = /packages\/core\/src\/([^/]+)\//.exec(url)?.[1];
  if (core) return `@junction/core ${core}/`;
  if (url.includes('/bench/')) return 'bench harness';
  if (url.includes('internal/deps/undici')) return 'undici (node fetch)';
  if (url.startsWith('node:') || url.includes('internal/')) return 'node internals';
  return url;
}

/**
 * Self time per owner and per function, from a .cpuprofile file (as written
 * by `node --cpu-prof`), counting only samples taken within `window` (µs on
 * the profile's clock, which is process.hrtime's), so start-up and warm-up are left out.
 */
export function summarizeProfile(path: string, top = 25, window?: { fromUs: number; toUs: number }): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  }
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const owner = ownerOf(frame);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const file = frame.url.split('/').slice(-2).join('/');
    const fn = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''} [${owner}]`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const sorted = (m: Map<string, number>) =>
    [...m.entries()].map(([name, us]) => ({ name, selfMs: us / 1000 })).sort((a, b) => b.selfMs - a.selfMs);
  return {
    totalMs: window ? (window.toUs - window.fromUs) / 1000 : (profile.endTime - profile.startTime) / 1000,
    byOwner: sorted(owners),
    byFunction: sorted(functions).slice(0, top),
  };
}
