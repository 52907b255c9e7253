import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type CrmBatchResult, type CrmProvider, defineCustomFields } from '../../src/index.js';

/** The custom fields the suite declares: each sandbox knows them under these names. */
export const SUITE_FIELDS = defineCustomFields({
  contact: { externalId: { schema: z.string(), names: { hubspot: 'app_user_id', salesforce: 'External_Id__c' } } },
});

/** A provider under test, over a fresh sandbox. */
export interface CrmSuiteTarget {
  crm: CrmProvider<typeof SUITE_FIELDS>;
  /** The provider's batch size (HubSpot 100, Salesforce collections 200). */
  batchSize: number;
  /** Batch requests the sandbox has answered so far. */
  batchCalls(): number;
  /** Empties the sandbox between tests. */
  reset(): void;
  /** Moves the sandbox's and the adapter's clock past the change feed's lag, so recent changes are final. */
  settle(): void;
}

const ok = <T>(results: CrmBatchResult<T>[]) => results.filter((r) => r.status === 'ok');

/**
 * The unified CRM interface's one test suite: every provider passes it
 * unchanged, so what it asserts holds whichever CRM a customer uses.
 */
export function describeCrmProvider(name: string, setup: () => Promise<CrmSuiteTarget>): void {
  describe(`the unified CRM interface on ${name}`, () => {
    let target: CrmSuiteTarget;
    let crm: CrmSuiteTarget['crm'];
    beforeAll(async () => {
      target = await setup();
      crm = target.crm;
    });
    beforeEach(() => target.reset());

    it('creates, reads, updates only what it is given, and deletes a contact; a deleted or unknown id reads as null', async () => {
      const created = await crm.contacts.create({ email: 'jo@example.com', firstName: 'Jo', lastName: 'Park' });
      expect(created).toMatchObject({ email: 'jo@example.com', firstName: 'Jo', lastName: 'Park' });
      expect(created.createdAt).toBeInstanceOf(Date);
      const updated = await crm.contacts.update(created.id, { jobTitle: 'CTO' });
      expect(updated).toMatchObject({ id: created.id, firstName: 'Jo', jobTitle: 'CTO' });
      expect(await crm.contacts.get(created.id)).toMatchObject({ jobTitle: 'CTO', lastName: 'Park' });
      await crm.contacts.delete(created.id);
      expect(await crm.contacts.get(created.id)).toBeNull();
      await crm.contacts.delete(created.id);
      expect(await crm.contacts.get('003000000000000AAA')).toBeNull();
    });

    it('upserts by email and by a custom external id: the second call updates the same record', async () => {
      const first = await crm.contacts.upsert({ email: 'sam@example.com', firstName: 'Sam', lastName: 'Lee' }, 'email');
      const second = await crm.contacts.upsert({ email: 'sam@example.com', jobTitle: 'CTO' }, 'email');
      expect([first.created, second.created, second.record.id]).toEqual([true, false, first.record.id]);
      expect(second.record).toMatchObject({ firstName: 'Sam', lastName: 'Lee', jobTitle: 'CTO' });

      const byId = await crm.contacts.upsert({ email: 'kim@example.com', lastName: 'Kim', custom: { externalId: 'u_42' } }, 'externalId');
      const again = await crm.contacts.upsert({ firstName: 'Kim', custom: { externalId: 'u_42' } }, 'externalId');
      expect([byId.created, again.created, again.record.id]).toEqual([true, false, byId.record.id]);
      expect((await crm.contacts.get(byId.record.id))?.custom.externalId).toBe('u_42');
    });

    it('searches with filters and sorts, a page at a time', async () => {
      for (const [email, lastName] of [
        ['ana@example.com', 'Alvarez'],
        ['ben@example.com', 'Brown'],
        ['cy@example.org', 'Brown'],
        ['dee@example.com', 'Diaz'],
      ])
        await crm.contacts.create({ email, lastName });
      const emails = async (filters: Parameters<typeof crm.contacts.search>[0]['filters']) =>
        (await crm.contacts.search({ filters: filters ?? [], sorts: [{ field: 'email' }] })).items.map((c) => c.email);
      expect(await emails([{ field: 'email', op: 'eq', value: 'ben@example.com' }])).toEqual(['ben@example.com']);
      expect(await emails([{ field: 'lastName', op: 'eq', value: 'Brown' }])).toEqual(['ben@example.com', 'cy@example.org']);
      expect(await emails([{ field: 'email', op: 'in', value: ['ana@example.com', 'dee@example.com'] }])).toEqual([
        'ana@example.com',
        'dee@example.com',
      ]);
      expect(await emails([{ field: 'lastName', op: 'neq', value: 'Brown' }])).toEqual(['ana@example.com', 'dee@example.com']);

      const pages: (string | null)[][] = [];
      let cursor: string | undefined;
      do {
        const page = await crm.contacts.search({ sorts: [{ field: 'email', direction: 'desc' }], limit: 3, ...(cursor ? { cursor } : {}) });
        pages.push(page.items.map((c) => c.email));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(pages).toEqual([['dee@example.com', 'cy@example.org', 'ben@example.com'], ['ana@example.com']]);
    });

    it('lists every record across pages', async () => {
      const ids = [];
      for (let i = 0; i < 5; i += 1) ids.push((await crm.companies.create({ name: `Co ${i}`, domain: `co${i}.example.com` })).id);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await crm.companies.list({ limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((c) => c.id));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(ids.sort());
    });

    it('upserts 1,000 contacts by your user id in batches of the provider’s size, and running it again creates nothing new', async () => {
      const inputs = Array.from({ length: 1000 }, (_, i) => ({
        email: `user${i}@example.com`,
        firstName: `User ${i}`,
        lastName: 'Synced',
        custom: { externalId: `u_${i}` },
      }));
      const before = target.batchCalls();
      const first = await crm.contacts.batch.upsert(inputs, 'externalId');
      expect(target.batchCalls() - before).toBe(Math.ceil(1000 / target.batchSize));
      expect(ok(first)).toHaveLength(1000);
      expect(first.map((r) => r.index)).toEqual(inputs.map((_, i) => i));
      expect(first.every((r) => r.status === 'ok' && r.created === true)).toBe(true);

      const second = await crm.contacts.batch.upsert(
        inputs.map((input) => ({ ...input, lastName: 'Again' })),
        'externalId',
      );
      expect(second.every((r) => r.status === 'ok' && r.created === false)).toBe(true);
      const ids = (results: typeof first) => results.map((r) => (r.status === 'ok' ? r.record.id : null));
      expect(ids(second)).toEqual(ids(first));
      expect(await crm.contacts.get(ids(first)[999] as string)).toMatchObject({ firstName: 'User 999', lastName: 'Again' });
    });

    it('reports a batch’s failures item by item, and still does the rest', async () => {
      const created = await crm.contacts.batch.create([
        { email: 'one@example.com', lastName: 'One' },
        { email: 'not an email', lastName: 'Bad' },
        { email: 'two@example.com', lastName: 'Two' },
      ]);
      expect(created.map((r) => (r.status === 'failed' ? r.error.message : r.status))).toEqual(['ok', expect.any(String), 'ok']);
      expect(created[1]).toMatchObject({ index: 1, status: 'failed', error: { field: 'email' } });

      const [one, , two] = created.map((r) => (r.status === 'ok' ? r.record.id : ''));
      const updated = await crm.contacts.batch.update([
        { id: one as string, jobTitle: 'A' },
        { id: '003000000000000AAA', jobTitle: 'B' },
        { id: two as string, jobTitle: 'C' },
      ]);
      expect(updated.map((r) => r.status)).toEqual(['ok', 'failed', 'ok']);
      expect((await crm.contacts.get(two as string))?.jobTitle).toBe('C');

      const read = await crm.contacts.batch.get([one as string, two as string]);
      expect(read.map((r) => r.status === 'ok' && r.record.email)).toEqual(['one@example.com', 'two@example.com']);
      const deleted = await crm.contacts.batch.delete([one as string, two as string]);
      expect(deleted.map((r) => r.status)).toEqual(['ok', 'ok']);
      expect(await crm.contacts.get(one as string)).toBeNull();
    });

    it('links contacts, companies and deals, lists the links, and removes them', async () => {
      const contact = await crm.contacts.create({ email: 'link@example.com', lastName: 'Link' });
      const company = await crm.companies.create({ name: 'Acme', domain: 'acme.example.com' });
      const [pipeline] = await crm.pipelines.list();
      const stage = pipeline?.stages[0];
      const deal = await crm.deals.create({
        name: 'Acme renewal',
        amount: 1200,
        closeDate: new Date('2027-01-31'),
        pipelineId: pipeline?.id as string,
        stageId: stage?.id as string,
      });
      await crm.associations.link({ type: 'contact', id: contact.id }, { type: 'company', id: company.id });
      await crm.associations.link({ type: 'deal', id: deal.id }, { type: 'contact', id: contact.id });
      await crm.associations.link({ type: 'deal', id: deal.id }, { type: 'company', id: company.id });
      expect(await crm.associations.list({ type: 'contact', id: contact.id }, 'company')).toEqual([company.id]);
      expect(await crm.associations.list({ type: 'deal', id: deal.id }, 'contact')).toEqual([contact.id]);
      expect(await crm.associations.list({ type: 'deal', id: deal.id }, 'company')).toEqual([company.id]);
      await crm.associations.unlink({ type: 'deal', id: deal.id }, { type: 'contact', id: contact.id });
      expect(await crm.associations.list({ type: 'deal', id: deal.id }, 'contact')).toEqual([]);
    });

    it('reads deal pipelines and their stages, and a deal keeps the stage it was given', async () => {
      const pipelines = await crm.pipelines.list();
      expect(pipelines.length).toBeGreaterThan(0);
      const [pipeline] = pipelines;
      expect(pipeline?.stages.map((s) => s.order)).toEqual(pipeline?.stages.map((_, i) => i));
      expect(pipeline?.stages.some((s) => s.closed && s.won)).toBe(true);
      const stage = pipeline?.stages[1];
      const closeDate = new Date('2027-03-31');
      const deal = await crm.deals.create({
        name: 'Seats',
        amount: 99.5,
        closeDate,
        pipelineId: pipeline?.id as string,
        stageId: stage?.id as string,
      });
      const read = await crm.deals.get(deal.id);
      expect(read).toMatchObject({ name: 'Seats', amount: 99.5, stageId: stage?.id, pipelineId: pipeline?.id });
      expect(read?.closeDate?.toISOString().slice(0, 10)).toBe('2027-03-31');
    });

    it('gives everything changed since a cursor, and only that', async () => {
      target.settle();
      const start = await crm.sync.changes('contact');
      const a = await crm.contacts.create({ email: 'a@example.com', lastName: 'A' });
      // Not yet: a change newer than the feed's lag waits for the next poll.
      expect((await crm.sync.changes('contact', start.cursor ? { cursor: start.cursor } : {})).changes).toEqual([]);
      target.settle();
      const after = await crm.sync.changes('contact', start.cursor ? { cursor: start.cursor } : {});
      expect(after.changes.map((c) => [c.kind, c.id])).toEqual([['created', a.id]]);
      await crm.contacts.update(a.id, { firstName: 'A' });
      const b = await crm.contacts.create({ email: 'b@example.com', lastName: 'B' });
      target.settle();
      const next = await crm.sync.changes('contact', after.cursor ? { cursor: after.cursor } : {});
      expect(next.changes.map((c) => [c.kind, c.id])).toEqual([
        ['updated', a.id],
        ['created', b.id],
      ]);
      await crm.contacts.delete(b.id);
      target.settle();
      const last = await crm.sync.changes('contact', next.cursor ? { cursor: next.cursor } : {});
      expect(last.changes.map((c) => [c.kind, c.id])).toEqual([['deleted', b.id]]);
      target.settle();
      const quiet = await crm.sync.changes('contact', last.cursor ? { cursor: last.cursor } : {});
      expect(quiet.changes).toEqual([]);
    });

    it('hands over every change once, page by page, when more than a page share one modification time', async () => {
      target.settle();
      const start = await crm.sync.changes('contact');
      // One batch: its records are stamped within a few milliseconds (HubSpot) or one second (Salesforce).
      const made = await crm.contacts.batch.create(
        Array.from({ length: 25 }, (_, i) => ({ email: `tie${i}@example.com`, lastName: `Tie ${i}` })),
      );
      target.settle();
      const seen: string[] = [];
      let cursor = start.cursor;
      for (let page = 0; page < 10; page++) {
        const next = await crm.sync.changes('contact', { ...(cursor ? { cursor } : {}), limit: 10 });
        seen.push(...next.changes.map((c) => c.id));
        cursor = next.cursor;
        if (!next.more) break;
      }
      expect(seen.sort()).toEqual(
        ok(made)
          .map((r) => (r.record as { id: string }).id)
          .sort(),
      );
    });
  });
}
