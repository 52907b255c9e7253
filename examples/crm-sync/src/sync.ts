import type { ProgressEvent, SyncContext } from './context.js';
import type { SyncCrm } from './crm.js';
import type { SyncDb } from './db.js';
import type { DiffEntry } from './diff.js';
import { type PullStats, pull } from './pull.js';
import { type PushStats, push } from './push.js';

/** Options for {@link runSync}. */
export interface SyncOptions {
  db: SyncDb;
  crm: SyncCrm;
  /** Compute and report the diff; write nothing anywhere. Open the database with `readOnly` too. */
  dryRun?: boolean;
  /** Changes per pull page (one transaction each). Default 100. */
  pullPageSize?: number;
  /** Users per push page (one CRM write, one transaction). Default 100, HubSpot's batch size. */
  pushPageSize?: number;
  /** Called at each commit point and after each CRM write; awaited. */
  onProgress?: (event: ProgressEvent) => void | Promise<void>;
}

/** What a run did (or, dry, would do). */
export interface SyncResult {
  pull: PullStats;
  push: PushStats;
  /** Every record changed, field by field. */
  diff: DiffEntry[];
  /** Writes made to the CRM (contacts created or updated) and to users: 0 and 0 when in step. */
  writes: { crm: number; product: number };
}

/**
 * One incremental two-way run: CRM → product first (so a conflict is seen
 * before the product's value is sent), then product → CRM. Safe to kill at
 * any point and run again; a run with nothing to do writes nothing.
 */
export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const ctx: SyncContext = {
    db: options.db,
    crm: options.crm,
    dryRun: options.dryRun ?? false,
    pullPageSize: options.pullPageSize ?? 100,
    pushPageSize: options.pushPageSize ?? 100,
    diff: [],
    notes: new Map(),
    progress: async (event) => {
      await options.onProgress?.(event);
    },
  };
  const pulled = await pull(ctx);
  const pushed = await push(ctx);
  const crm = ctx.diff.filter((e) => e.side === 'crm').length;
  return { pull: pulled, push: pushed, diff: ctx.diff, writes: { crm, product: pulled.updated } };
}
