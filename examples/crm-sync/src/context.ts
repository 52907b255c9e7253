import type { SyncCrm } from './crm.js';
import type { SyncDb } from './db.js';
import type { DiffEntry } from './diff.js';
import type { SyncedField } from './schema.js';

/** What a run reports as it goes: each commit point, and each CRM write (before its results are committed). */
export type ProgressEvent =
  | { type: 'checkpoint'; phase: 'pull'; page: number; changes: number }
  | { type: 'checkpoint'; phase: 'push-inflight' | 'push'; page: number; users: number }
  | { type: 'crm-written'; page: number; users: number };

/** What the pull and the push share during one run. */
export interface SyncContext {
  db: SyncDb;
  crm: SyncCrm;
  /** Compute and report, write nothing: the database stays in memory, the CRM is only read. */
  dryRun: boolean;
  pullPageSize: number;
  pushPageSize: number;
  /** What the run changed (or would change), filled by the pull and the push. */
  diff: DiffEntry[];
  /** Why the pull wants a field pushed back, per user (a conflict the product won, a product-owned field). */
  notes: Map<string, Map<SyncedField, string>>;
  /** Awaited at each step: a test stops the process here. */
  progress(event: ProgressEvent): Promise<void>;
}
