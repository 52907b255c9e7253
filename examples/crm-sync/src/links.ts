import type { SyncDb } from './db.js';
import { type Fields, SYNCED_FIELDS } from './schema.js';

/** A user's CRM contact, and each synced field as both sides last held it. */
export interface Link {
  userId: string;
  crmId: string;
  base: Fields;
}

/** No field agreed on yet. */
export const EMPTY_BASE: Fields = Object.fromEntries(SYNCED_FIELDS.map((field) => [field, null])) as Fields;

const linkOf = (row: Record<string, unknown> | undefined): Link | undefined =>
  row ? { userId: String(row.user_id), crmId: String(row.crm_id), base: { ...EMPTY_BASE, ...JSON.parse(String(row.base)) } } : undefined;

/** The link of a user. */
export function linkOfUser(db: SyncDb, userId: string): Link | undefined {
  return linkOf(db.get('SELECT * FROM crm_links WHERE user_id = ?', [userId]));
}

/** The link of a CRM contact. */
export function linkOfContact(db: SyncDb, crmId: string): Link | undefined {
  return linkOf(db.get('SELECT * FROM crm_links WHERE crm_id = ?', [crmId]));
}

/** Saves a link; a contact linked to another user before (merged at the CRM) moves to this one. */
export function saveLink(db: SyncDb, link: Link): void {
  db.run('DELETE FROM crm_links WHERE crm_id = ? AND user_id <> ?', [link.crmId, link.userId]);
  db.run(
    `INSERT INTO crm_links (user_id, crm_id, base) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET crm_id = excluded.crm_id, base = excluded.base`,
    [link.userId, link.crmId, JSON.stringify(link.base)],
  );
}

/** Forgets a contact (deleted at the CRM). */
export function unlinkContact(db: SyncDb, crmId: string): void {
  db.run('DELETE FROM crm_links WHERE crm_id = ?', [crmId]);
}

/** A user waiting for another push, whatever the watermark says. */
export interface Pending {
  userId: string;
  reason: 'failed' | 'conflict' | 'product-owned';
  error: string | null;
  attempts: number;
}

/** Queues a user for the next push; a failure counts one more attempt. */
export function addPending(db: SyncDb, userId: string, reason: Pending['reason'], error?: string): void {
  db.run(
    `INSERT INTO push_pending (user_id, reason, error, attempts) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET reason = excluded.reason, error = excluded.error, attempts = attempts + excluded.attempts`,
    [userId, reason, error ?? null, reason === 'failed' ? 1 : 0],
  );
}

/** Done with a user's queued push. */
export function clearPending(db: SyncDb, userId: string): void {
  db.run('DELETE FROM push_pending WHERE user_id = ?', [userId]);
}

/** Every queued push, by user id. */
export function listPending(db: SyncDb): Pending[] {
  return db.all('SELECT * FROM push_pending ORDER BY user_id').map((row) => ({
    userId: String(row.user_id),
    reason: String(row.reason) as Pending['reason'],
    error: row.error === null ? null : String(row.error),
    attempts: Number(row.attempts),
  }));
}
