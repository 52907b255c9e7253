import type { Table } from './report.js';

/** The separator between the Nodes' values in a side-by-side cell. */
export const BESIDE = ' · ';

/**
 * One table from the same table measured under several Nodes (in `tables`' order; undefined where a Node has
 * none; `labels` names them): a cell whose values differ shows them all, `a · b`; a cell the same everywhere shows
 * it once. Rows are matched by their first cell (and its occurrence, for repeated ones); a row a Node lacks shows
 * `–` for it. A table whose columns differ from the first one's is left out.
 */
export function sideBySide(tables: readonly (Table | undefined)[], labels: readonly string[]): Table | undefined {
  const base = tables.find((t) => t !== undefined);
  if (!base) return undefined;
  const comparable = tables
    .map((table, i) => ({ table, label: labels[i] ?? '' }))
    .filter((c): c is { table: Table; label: string } => c.table?.columns.length === base.columns.length);
  if (comparable.length === 1) return base;
  const keyed = comparable.map((c) => rowsByKey(c.table.rows));
  const keys = [...new Set(keyed.flatMap((k) => [...k.keys()]))];
  const rows = keys.map((key) =>
    base.columns.map((_, i) => {
      const values = keyed.map((k) => k.get(key)?.[i] ?? '–');
      return values.every((v) => v === values[0]) ? values[0]! : values.join(BESIDE);
    }),
  );
  // Notes the same everywhere once; a note only one Node has, with its label.
  const notes = [...(base.notes ?? [])];
  for (const { table, label } of comparable.slice(1)) {
    for (const n of table.notes ?? []) if (!base.notes?.includes(n)) notes.push(`${label}: ${n}`);
  }
  return { ...base, rows, ...(notes.length > 0 ? { notes } : {}) };
}

function rowsByKey(rows: readonly string[][]): Map<string, string[]> {
  const seen = new Map<string, number>();
  const out = new Map<string, string[]>();
  for (const row of rows) {
    const first = row[0] ?? '';
    const n = seen.get(first) ?? 0;
    seen.set(first, n + 1);
    out.set(`${first}\u0000${n}`, row);
  }
  return out;
}
