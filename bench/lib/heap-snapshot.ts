import { readFileSync, rmSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per (type, name) in the heap right now (after the caller's gc). */
export function heapByConstructor(path: string): Map<string, { count: number; size: number }> {
  writeHeapSnapshot(path);
  const snap = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  rmSync(path, { force: true });
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const rawName = snap.strings[snap.nodes[i + nameAt]!] ?? '';
    // Strings and code are grouped by type; objects by constructor name.
    const name = type === 'object' || type === 'closure' ? `${type} ${rawName}` : `(${type})`;
    const entry = out.get(name) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snap.nodes[i + sizeAt]!;
    out.set(name, entry);
  }
  return out;
}

/** The biggest growths between two heap summaries, per `per` calls. */
export function heapGrowth(
  before: Map<string, { count: number; size: number }>,
  after: Map<string, { count: number; size: number }>,
  per: number,
  top = 15,
): { name: string; countPerCall: number; bytesPerCall: number }[] {
  return [...after.entries()]
    .map(([name, a]) => {
      const b = before.get(name) ?? { count: 0, size: 0 };
      return { name, countPerCall: (a.count - b.count) / per, bytesPerCall: (a.size - b.size) / per };
    })
    .sort((x, y) => y.bytesPerCall - x.bytesPerCall)
    .slice(0, top);
}
