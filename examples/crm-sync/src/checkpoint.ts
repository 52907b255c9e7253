import type { SyncDb } from './db.js';

/**
 * The sync's progress, kept in `sync_state` and always written in the same
 * transaction as the data it covers, so the file never says more (or less)
 * was done than was:
 *
 * - `pull.cursor`: the CRM change feed's cursor after the last page applied.
 * - `push.watermark`: every user whose `version` is at most this has been pushed
 *   (or, if the CRM refused it, recorded in `push_pending`).
 * - `push.inflight`: the users of the push page being written to the CRM now.
 *   Set before the write, cleared with its results: found set at start, the
 *   last run was killed mid-write, and those users are checked at the CRM
 *   before anything is written again.
 */
export interface Checkpoint {
  pullCursor: string | undefined;
  pushWatermark: number;
  inflight: string[] | undefined;
}

const get = (db: SyncDb, key: string) => {
  const value = db.get('SELECT value FROM sync_state WHERE key = ?', [key])?.value;
  return value === undefined || value === null ? undefined : String(value);
};
const set = (db: SyncDb, key: string, value: string | undefined) =>
  value === undefined
    ? db.run('DELETE FROM sync_state WHERE key = ?', [key])
    : db.run('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);

/** Where the sync stands. */
export function readCheckpoint(db: SyncDb): Checkpoint {
  const inflight = get(db, 'push.inflight');
  return {
    pullCursor: get(db, 'pull.cursor'),
    pushWatermark: Number(get(db, 'push.watermark') ?? 0),
    inflight: inflight === undefined ? undefined : (JSON.parse(inflight) as string[]),
  };
}

/** Records the pull's cursor (inside the page's transaction). */
export function savePullCursor(db: SyncDb, cursor: string | undefined): void {
  if (cursor !== undefined && cursor !== get(db, 'pull.cursor')) set(db, 'pull.cursor', cursor);
}

/** Records the push watermark (inside the page's transaction); it never goes back. */
export function savePushWatermark(db: SyncDb, version: number): void {
  if (version > readCheckpoint(db).pushWatermark) set(db, 'push.watermark', String(version));
}

/** Marks (or, with `undefined`, clears) the users being written to the CRM. */
export function saveInflight(db: SyncDb, userIds: readonly string[] | undefined): void {
  set(db, 'push.inflight', userIds === undefined ? undefined : JSON.stringify(userIds));
}
