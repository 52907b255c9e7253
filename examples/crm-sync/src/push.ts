import type { CrmBatchResult } from '@junction/crm';
import { readCheckpoint, saveInflight, savePushWatermark } from './checkpoint.js';
import type { SyncContext } from './context.js';
import type { SyncCrm } from './crm.js';
import type { DiffEntry } from './diff.js';
import { addPending, clearPending, EMPTY_BASE, type Link, linkOfUser, listPending, saveLink } from './links.js';
import { fieldsToPush, same } from './merge.js';
import { type Fields, getUser, type SyncedField, type User, userOf } from './schema.js';

type Contact = Awaited<ReturnType<SyncCrm['contacts']['get']>> & {};
type Input = Parameters<SyncCrm['contacts']['create']>[0];

/** What a push did. */
export interface PushStats {
  pages: number;
  /** Contacts created or linked by email (upsert). */
  created: number;
  /** Contacts updated by id. */
  updated: number;
  /** Users found already written at the CRM after a kill, recorded without writing again. */
  resumed: number;
  /** Items the CRM refused, queued for the next run. */
  failed: number;
  /** Users changed since the watermark with nothing to send (the pull's own writes, or no synced field changed). */
  unchanged: number;
}

/** One user's share of a push page. */
interface Plan {
  user: User;
  link: Link | undefined;
  send: Partial<Fields>;
}

/**
 * Product → CRM: first the users queued by a failure or by the pull, then
 * every user changed since the watermark, a page at a time. Each page:
 * mark it in flight (a commit), write it (new users upserted by email,
 * linked ones updated by id with only the fields that changed), then commit
 * the links, the failures and the watermark together.
 */
export async function push(ctx: SyncContext): Promise<PushStats> {
  const stats: PushStats = { pages: 0, created: 0, updated: 0, resumed: 0, failed: 0, unchanged: 0 };
  const { db } = ctx;
  // Each user once a run: a retry that fails again waits for the next run.
  const seen = new Set<string>();
  const fresh = (users: User[]) => users.filter((user) => !seen.has(user.id) && seen.add(user.id));
  const inflight = readCheckpoint(db).inflight;
  if (inflight) await pushPage(ctx, fresh(inflight.flatMap((id) => getUser(db, id) ?? [])), stats, { resume: true });

  const pending = fresh(listPending(db).flatMap((p) => getUser(db, p.userId) ?? []));
  for (let i = 0; i < pending.length; i += ctx.pushPageSize) await pushPage(ctx, pending.slice(i, i + ctx.pushPageSize), stats, {});

  // Paged on a local watermark: a dry run does not save it, and a page is never read twice in one run.
  let after = readCheckpoint(db).pushWatermark;
  for (;;) {
    const users = db.all('SELECT * FROM users WHERE version > ? ORDER BY version LIMIT ?', [after, ctx.pushPageSize]).map(userOf);
    const last = users.at(-1);
    if (!last) return stats;
    await pushPage(ctx, fresh(users), stats, { watermark: last.version });
    after = last.version;
  }
}

async function pushPage(ctx: SyncContext, users: User[], stats: PushStats, page: { resume?: boolean; watermark?: number }): Promise<void> {
  const { db } = ctx;
  const plans = users.map((user): Plan => {
    const link = linkOfUser(db, user.id);
    return { user, link, send: fieldsToPush(user, link?.base) };
  });
  const writes = plans.filter((plan) => Object.keys(plan.send).length > 0);
  stats.unchanged += plans.length - writes.length;
  if (ctx.dryRun) {
    for (const plan of writes) {
      ctx.diff.push(diffOf(ctx, plan, plan.link?.crmId));
      if (plan.link) stats.updated++;
      else stats.created++;
    }
    return;
  }
  stats.pages++;
  const number = stats.pages;
  if (writes.length > 0 && !page.resume) {
    db.transaction(() =>
      saveInflight(
        db,
        writes.map((plan) => plan.user.id),
      ),
    );
    await ctx.progress({ type: 'checkpoint', phase: 'push-inflight', page: number, users: writes.length });
  }
  // After a kill mid-write, what the CRM already holds is not written again.
  const done = page.resume ? await alreadyWritten(ctx.crm, writes) : new Map<string, Contact>();
  const results = await write(
    ctx.crm,
    writes.filter((plan) => !done.has(plan.user.id)),
  );
  if (writes.length > 0) await ctx.progress({ type: 'crm-written', page: number, users: writes.length });
  db.transaction(() => {
    for (const plan of plans) if (!writes.includes(plan)) clearPending(db, plan.user.id);
    for (const plan of writes) {
      const found = done.get(plan.user.id);
      const result: CrmBatchResult<Contact> | undefined = found ? { index: -1, status: 'ok', record: found } : results.get(plan.user.id);
      if (result?.status === 'ok') {
        saveLink(db, { userId: plan.user.id, crmId: result.record.id, base: { ...(plan.link?.base ?? EMPTY_BASE), ...plan.send } });
        clearPending(db, plan.user.id);
        ctx.diff.push({ ...diffOf(ctx, plan, result.record.id), ...(result.created === false ? { action: 'update' as const } : {}) });
        if (found) stats.resumed++;
        else if (plan.link) stats.updated++;
        else stats.created++;
      } else {
        addPending(db, plan.user.id, 'failed', result ? `${result.error.code ?? 'ERROR'}: ${result.error.message}` : 'no result');
        stats.failed++;
      }
    }
    saveInflight(db, undefined);
    if (page.watermark !== undefined) savePushWatermark(db, page.watermark);
  });
  await ctx.progress({ type: 'checkpoint', phase: 'push', page: number, users: plans.length });
}

/** Creates (upserts by email) the new users' contacts and updates the linked ones by id: one result per user id. */
async function write(crm: SyncCrm, plans: readonly Plan[]): Promise<Map<string, CrmBatchResult<Contact>>> {
  const results = new Map<string, CrmBatchResult<Contact>>();
  const creates = plans.filter((plan) => !plan.link);
  const updates = plans.filter((plan) => plan.link);
  if (creates.length > 0) {
    const done = await crm.contacts.batch.upsert(
      creates.map((plan) => inputOf(plan)),
      'email',
    );
    for (const result of done) results.set((creates[result.index] as Plan).user.id, result);
  }
  if (updates.length > 0) {
    const done = await crm.contacts.batch.update(updates.map((plan) => ({ id: (plan.link as Link).crmId, ...inputOf(plan) })));
    for (const result of done) results.set((updates[result.index] as Plan).user.id, result);
  }
  return results;
}

const inputOf = (plan: Plan): Input => ({
  ...(Object.fromEntries(Object.entries(plan.send).filter(([, v]) => v !== null)) as Input),
  ...(plan.link ? {} : { custom: { userId: plan.user.id } }),
});

/** The users of an interrupted page whose contact already holds what was being sent, by user id. */
async function alreadyWritten(crm: SyncCrm, plans: readonly Plan[]): Promise<Map<string, Contact>> {
  const found = new Map<string, Contact>();
  const emails = plans.map((plan) => plan.user.email);
  if (emails.length === 0) return found;
  const byEmail = new Map<string, Contact>();
  let cursor: string | null = null;
  do {
    const page: { items: Contact[]; next: string | null } = await crm.contacts.search({
      filters: [{ field: 'email', op: 'in', value: emails }],
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const contact of page.items) if (contact.email) byEmail.set(contact.email.toLowerCase(), contact);
    cursor = page.next;
  } while (cursor);
  for (const plan of plans) {
    const contact = byEmail.get(plan.user.email.toLowerCase());
    if (!contact || (plan.link && plan.link.crmId !== contact.id)) continue;
    const holds = (Object.entries(plan.send) as [SyncedField, string | null][]).every(([field, value]) =>
      same(field, contact[field], value),
    );
    if (holds) found.set(plan.user.id, contact);
  }
  return found;
}

function diffOf(ctx: SyncContext, plan: Plan, crmId: string | undefined): DiffEntry {
  const notes = ctx.notes.get(plan.user.id);
  return {
    side: 'crm',
    action: plan.link ? 'update' : 'create',
    userId: plan.user.id,
    email: plan.user.email,
    ...(crmId ? { crmId } : {}),
    fields: (Object.entries(plan.send) as [SyncedField, string | null][]).map(([field, to]) => ({
      field,
      from: plan.link ? plan.link.base[field] : null,
      to,
      ...(notes?.get(field) ? { note: notes.get(field) as string } : {}),
    })),
  };
}
