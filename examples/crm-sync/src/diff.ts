import type { FieldOutcome } from './merge.js';
import type { SyncedField } from './schema.js';

/** One field of a change: its value before and after. */
export interface FieldDiff {
  field: SyncedField;
  from: string | null;
  to: string | null;
  /** Why, when it is not plain (a conflict's winner, a product-owned field). */
  note?: string;
}

/** One record a run changes (or, with `--dry-run`, would change). */
export interface DiffEntry {
  /** Where the write lands: the CRM's contacts, or the product's users. */
  side: 'crm' | 'product';
  action: 'create' | 'update' | 'unlink';
  /** The user's id and email. */
  userId: string;
  email: string;
  /** The CRM contact's id, when known. */
  crmId?: string;
  fields: FieldDiff[];
}

const NOTES: Partial<Record<FieldOutcome['outcome'], string>> = {
  'crm-newer': 'conflict: the CRM changed it later',
  'product-newer': 'conflict: the product changed it later, pushed back',
  'product-owned': 'product-owned: the CRM edit is undone',
};

/** The diff lines of a pull's field outcomes: what the product gets. */
export function productFields(outcomes: readonly FieldOutcome[]): FieldDiff[] {
  return outcomes
    .filter((o) => o.outcome === 'crm' || o.outcome === 'crm-newer')
    .map((o) => ({ field: o.field, from: o.product, to: o.crm, ...(NOTES[o.outcome] ? { note: NOTES[o.outcome] } : {}) }));
}

/** The notes a pull leaves for the push: conflicts the product won, product-owned fields put back. */
export function pushNotes(outcomes: readonly FieldOutcome[]): Map<SyncedField, string> {
  return new Map(
    outcomes.flatMap((o) =>
      o.outcome === 'product-newer' || o.outcome === 'product-owned' ? [[o.field, NOTES[o.outcome] as string]] : [],
    ),
  );
}

const show = (value: string | null) => (value === null ? '∅' : JSON.stringify(value));

/** The diff as text, one line per record and one per field, grouped by side. */
export function formatDiff(entries: readonly DiffEntry[]): string[] {
  if (entries.length === 0) return ['  nothing to change on either side'];
  const lines: string[] = [];
  for (const side of ['crm', 'product'] as const) {
    const mine = entries.filter((e) => e.side === side);
    if (mine.length === 0) continue;
    lines.push(side === 'crm' ? `  CRM contacts (${mine.length}):` : `  product users (${mine.length}):`);
    for (const entry of mine) {
      lines.push(`    ${entry.action} ${entry.email} (user ${entry.userId}${entry.crmId ? `, contact ${entry.crmId}` : ''})`);
      for (const f of entry.fields) lines.push(`      ${f.field}: ${show(f.from)} → ${show(f.to)}${f.note ? `  [${f.note}]` : ''}`);
    }
  }
  return lines;
}
