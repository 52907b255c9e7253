import type { CrmChange } from '@junction/crm';
import { readCheckpoint, savePullCursor } from './checkpoint.js';
import type { SyncContext } from './context.js';
import type { SyncCrm } from './crm.js';
import { productFields, pushNotes } from './diff.js';
import { addPending, EMPTY_BASE, type Link, linkOfContact, linkOfUser, saveLink, unlinkContact } from './links.js';
import { mergeFromCrm } from './merge.js';
import { COLUMNS, type Fields, getUser, SYNCED_FIELDS } from './schema.js';

type Contact = Awaited<ReturnType<SyncCrm['contacts']['get']>> & {};

/** What a pull did. */
export interface PullStats {
  pages: number;
  /** Changes the CRM's feed handed over. */
  changes: number;
  /** Users updated from the CRM. */
  updated: number;
  /** Changes that changed nothing here: the sync's own writes coming back, or fields it does not sync. */
  unchanged: number;
  /** Contacts that are no product user's (leads, or not linked yet: the push links them by email). */
  notUsers: number;
  /** Contacts deleted in the CRM, unlinked (the user stays). */
  unlinked: number;
}

const contactFields = (contact: Contact): Fields =>
  Object.fromEntries(SYNCED_FIELDS.map((field) => [field, contact[field] ?? null])) as Fields;

/**
 * CRM → product: every contact changed since the saved cursor, a page at a
 * time, merged into its user by the conflict rule. Each page's writes and
 * the cursor after it are one transaction: killed mid-run, the next run
 * lists the page again, and merging it again changes nothing.
 */
export async function pull(ctx: SyncContext): Promise<PullStats> {
  const stats: PullStats = { pages: 0, changes: 0, updated: 0, unchanged: 0, notUsers: 0, unlinked: 0 };
  for (;;) {
    const cursor = readCheckpoint(ctx.db).pullCursor;
    const page = await ctx.crm.sync.changes('contact', { ...(cursor === undefined ? {} : { cursor }), limit: ctx.pullPageSize });
    stats.pages++;
    stats.changes += page.changes.length;
    ctx.db.transaction(() => {
      for (const change of page.changes) applyChange(ctx, change, stats);
      savePullCursor(ctx.db, page.cursor);
    });
    await ctx.progress({ type: 'checkpoint', phase: 'pull', page: stats.pages, changes: page.changes.length });
    if (!page.more || page.changes.length === 0) return stats;
  }
}

function applyChange(ctx: SyncContext, change: CrmChange, stats: PullStats): void {
  const { db } = ctx;
  const link = linkOfContact(db, change.id) ?? ownContact(ctx, change);
  const user = link && getUser(db, link.userId);
  if (!link || !user) {
    stats.notUsers++;
    return;
  }
  if (change.kind === 'deleted' || change.record === null) {
    unlinkContact(db, change.id);
    ctx.diff.push({ side: 'product', action: 'unlink', userId: user.id, email: user.email, crmId: change.id, fields: [] });
    stats.unlinked++;
    return;
  }
  const merge = mergeFromCrm(user, link.base, contactFields(change.record as Contact), change.modifiedAt.getTime());
  const apply = Object.entries(merge.apply) as [keyof Fields, string | null][];
  if (apply.length > 0) {
    db.run(`UPDATE users SET ${apply.map(([field]) => `${COLUMNS[field]} = ?`).join(', ')}, updated_at = MAX(updated_at, ?) WHERE id = ?`, [
      ...apply.map(([, value]) => value),
      change.modifiedAt.getTime(),
      user.id,
    ]);
    ctx.diff.push({
      side: 'product',
      action: 'update',
      userId: user.id,
      email: user.email,
      crmId: change.id,
      fields: productFields(merge.outcomes),
    });
    stats.updated++;
  } else {
    stats.unchanged++;
  }
  if (merge.outcomes.length > 0 || !linkOfContact(db, change.id)) saveLink(db, { ...link, base: merge.base });
  if (merge.repush) {
    addPending(db, user.id, merge.repush);
    ctx.notes.set(user.id, pushNotes(merge.outcomes));
  }
}

/**
 * A contact this sync created for a user it has no link for yet: the push
 * was killed after the CRM made it and before the link was committed. Its
 * `userId` says whose it is; linked here with no base, so a rep's edit made
 * since is not lost (the push, resuming, then finds nothing left to send).
 */
function ownContact(ctx: SyncContext, change: CrmChange): Link | undefined {
  const userId = (change.record as Contact | null)?.custom.userId;
  if (userId === undefined || linkOfUser(ctx.db, userId)) return undefined;
  return { userId, crmId: change.id, base: EMPTY_BASE };
}
