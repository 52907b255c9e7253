import { afterEach, describe, expect, it } from 'vitest';
import { connectCrm } from '../src/crm.js';
import { openDb, type SyncDb } from '../src/db.js';
import { readArgs, runOnce } from '../src/run.js';
import { type LocalCrm, startLocalCrm } from '../src/sandbox.js';
import { getUser, saveUsers } from '../src/schema.js';
import { runSync } from '../src/sync.js';
import { bytesOf, readBack, tempDbPath } from './support/fixtures.js';

// One clock for the sandbox, the change feed and the product's writes, moved by hand:
// a conflict's outcome depends on which side changed last.
let clock = Date.now();
const now = () => clock;
const tick = (ms = 1000) => {
  clock += ms;
};

const open: (LocalCrm | SyncDb)[] = [];
afterEach(async () => {
  for (const thing of open.splice(0)) await thing.close();
});

async function setup(provider: 'hubspot' | 'salesforce' = 'hubspot', options: { realClock?: boolean } = {}) {
  const local = await startLocalCrm(provider, options.realClock ? {} : { now });
  const path = tempDbPath();
  const db = await openDb(path);
  open.push(local, db);
  const sync = async () => {
    tick(); // past the feed's lag (Salesforce reads whole seconds only)
    return runSync({ db, crm: local.crm });
  };
  return { local, path, db, sync };
}

const contactOf = async (local: LocalCrm, email: string) => (await local.contacts()).find((c) => c?.email === email);

describe('on HubSpot', () => {
  it('a dry run prints the diff, field by field, and changes nothing: the file’s bytes and the CRM are as they were', async () => {
    // On the real clock: the CLI's change feed reads up to now.
    const { local, path, db, sync } = await setup('hubspot', { realClock: true });
    saveUsers(db, [
      { id: 'a', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
      { id: 'b', email: 'bo@example.com', firstName: 'Bo', lastName: 'Diddley' },
    ]);
    await sync();
    const ada = await contactOf(local, 'ada@example.com');
    await local.crm.contacts.update(ada?.id as string, { jobTitle: 'Analyst' }); // a rep's edit
    saveUsers(db, [
      { id: 'b', firstName: 'Bob' },
      { id: 'c', email: 'cy@example.com', lastName: 'Young' },
    ]); // the product's
    db.close();
    await new Promise((resolve) => setTimeout(resolve, 5)); // past the millisecond of the last write

    const bytes = bytesOf(path);
    const crmBefore = JSON.stringify(await local.contacts());
    const writesBefore = local.writes().length;
    const lines: string[] = [];
    const env = { HUBSPOT_ACCESS_TOKEN: 'pat-sandbox-token' };
    const args = readArgs(['--db', path, '--url', (local.target as { baseUrl: string }).baseUrl, '--dry-run'], env);
    const dry = await runOnce({ ...args, lagMs: 0 }, { log: (line) => lines.push(line) });

    expect(bytesOf(path).equals(bytes)).toBe(true);
    expect(JSON.stringify(await local.contacts())).toBe(crmBefore);
    expect(local.writes()).toHaveLength(writesBefore);
    const text = lines.join('\n');
    expect(text).toContain('CRM contacts (2):');
    expect(text).toMatch(/update bo@example\.com \(user b, contact \d+\)\n\s+firstName: "Bo" → "Bob"/);
    expect(text).toMatch(/create cy@example\.com \(user c\)\n\s+email: ∅ → "cy@example.com"\n\s+lastName: ∅ → "Young"/);
    expect(text).toContain('product users (1):');
    expect(text).toMatch(/update ada@example\.com \(user a, contact \d+\)\n\s+jobTitle: ∅ → "Analyst"/);

    // The real run does what the dry run said.
    const real = await runOnce({ ...args, dryRun: false, lagMs: 0 }, { log: () => {} });
    expect(real.diff.map(({ crmId: _, ...e }) => e)).toEqual(dry.diff.map(({ crmId: _, ...e }) => e));
    expect((await readBack(path)).users.find((u) => u.id === 'a')?.jobTitle).toBe('Analyst');
  });

  it('resolves a conflict by the rule: per field, the side that changed last wins; the email is the product’s', async () => {
    const { local, db, sync } = await setup();
    saveUsers(
      db,
      [
        { id: 'a', email: 'ann@example.com', lastName: 'A', phone: '+1 555 0100', jobTitle: 'Dev' },
        { id: 'b', email: 'ben@example.com', lastName: 'B', phone: '+1 555 0200' },
      ],
      now(),
    );
    await sync();
    const ann = await contactOf(local, 'ann@example.com');
    const ben = await contactOf(local, 'ben@example.com');

    tick();
    saveUsers(db, [{ id: 'a', phone: '+1 555 0101' }], now()); // the product first...
    tick();
    await local.crm.contacts.update(ann?.id as string, { phone: '+1 555 0199', jobTitle: 'Lead dev' }); // ...the CRM later: the CRM wins
    tick();
    await local.crm.contacts.update(ben?.id as string, { phone: '+1 555 0299', email: 'ben@crm.example' }); // the CRM first...
    tick();
    saveUsers(db, [{ id: 'b', phone: '+1 555 0201' }], now()); // ...the product later: the product wins
    tick();

    const result = await sync();
    expect(getUser(db, 'a')).toMatchObject({ phone: '+1 555 0199', jobTitle: 'Lead dev' });
    expect(getUser(db, 'b')).toMatchObject({ phone: '+1 555 0201', email: 'ben@example.com' });
    expect(await contactOf(local, 'ann@example.com')).toMatchObject({ phone: '+1 555 0199' });
    expect(await contactOf(local, 'ben@example.com')).toMatchObject({ id: ben?.id, phone: '+1 555 0201' }); // email put back
    const notes = result.diff.flatMap((e) => e.fields.map((f) => `${e.side} ${e.email} ${f.field} ${f.note ?? ''}`));
    expect(notes).toEqual(
      expect.arrayContaining([
        'product ann@example.com phone conflict: the CRM changed it later',
        'crm ben@example.com phone conflict: the product changed it later, pushed back',
        'crm ben@example.com email product-owned: the CRM edit is undone',
      ]),
    );
    // Settled: the next run writes nothing (its own writes come back from the feed and are recognised).
    expect((await sync()).writes).toEqual({ crm: 0, product: 0 });
    expect((await sync()).writes).toEqual({ crm: 0, product: 0 });
  });

  it('an item the CRM refuses is recorded, the rest of the page goes through, and it is retried by the next run', async () => {
    const { local, path, db, sync } = await setup();
    saveUsers(
      db,
      [
        { id: 'a', email: 'al@example.com', lastName: 'Al' },
        { id: 'b', email: 'bea@example.com', lastName: 'Bea' },
      ],
      now(),
    );
    await sync();
    const lead = await local.crm.contacts.create({ email: 'taken@example.com', lastName: 'Lead' });
    tick();
    // Al takes an email a CRM contact already has (HubSpot: 409 CONFLICT for that item); Bea changes her name.
    saveUsers(
      db,
      [
        { id: 'a', email: 'taken@example.com' },
        { id: 'b', firstName: 'Beatrice' },
      ],
      now(),
    );

    const first = await sync();
    expect(first.push).toMatchObject({ updated: 1, failed: 1 });
    expect((await readBack(path)).pending).toEqual([
      { userId: 'a', reason: 'failed', error: expect.stringMatching(/^CONFLICT: /), attempts: 1 },
    ]);
    expect(await contactOf(local, 'bea@example.com')).toMatchObject({ firstName: 'Beatrice' });

    const again = await sync(); // still taken: retried, refused again, kept
    expect(again.push).toMatchObject({ failed: 1 });
    expect((await readBack(path)).pending[0]).toMatchObject({ userId: 'a', attempts: 2 });

    await local.crm.contacts.delete(lead.id); // a rep removes the duplicate
    const third = await sync();
    expect(third.push).toMatchObject({ updated: 1, failed: 0 });
    expect((await readBack(path)).pending).toEqual([]);
    expect(await contactOf(local, 'taken@example.com')).toMatchObject({ lastName: 'Al' });
    expect((await sync()).writes).toEqual({ crm: 0, product: 0 });
  });

  it('a push interrupted after the CRM write, before its commit, is settled from what the CRM holds: nothing is written again', async () => {
    const { local, path, db } = await setup('hubspot', { realClock: true });
    saveUsers(db, [
      { id: 'a', email: 'amy@example.com', lastName: 'A' },
      { id: 'b', email: 'bob@example.com', lastName: 'B' },
      { id: 'c', email: 'cat@example.com', lastName: 'C' },
    ]);
    const crash = new Error('killed');
    const interrupted = runSync({
      db,
      crm: local.crm,
      pushPageSize: 2,
      onProgress: (e) => {
        if (e.type === 'crm-written' && e.page === 1) throw crash;
      },
    });
    await expect(interrupted).rejects.toBe(crash);
    expect(local.writes()).toHaveLength(2);
    expect((await readBack(path)).checkpoint.inflight).toEqual(['a', 'b']);

    // A new process on the file, with a change feed that does not show the new contacts yet (HubSpot's index lag).
    const restarted = await openDb(path);
    open.push(restarted);
    const lagging = connectCrm(local.target, { lagMs: 60_000 });
    const result = await runSync({ db: restarted, crm: lagging, pushPageSize: 2 });
    expect(result.pull.changes).toBe(0);
    expect(result.push).toMatchObject({ resumed: 2, created: 1, failed: 0 });
    expect(local.writes().map((w) => w.key)).toEqual(['amy@example.com', 'bob@example.com', 'cat@example.com']);
    expect((await readBack(path)).links).toBe(3);
  });
});

describe('on Salesforce, with the same code', () => {
  it('pushes, pulls a rep’s edit, resolves the conflict and settles', async () => {
    const { local, db, sync } = await setup('salesforce');
    saveUsers(
      db,
      [
        { id: 'a', email: 'sal@example.com', firstName: 'Sal', lastName: 'Force', phone: '1' },
        { id: 'b', email: 'sf@example.com', lastName: 'Org' },
      ],
      now(),
    );
    const first = await sync();
    expect(first.push).toMatchObject({ created: 2, failed: 0 });
    const sal = await contactOf(local, 'sal@example.com');
    expect(sal).toMatchObject({ firstName: 'Sal', custom: { userId: 'a' } });

    tick();
    saveUsers(db, [{ id: 'a', phone: '2' }], now());
    tick();
    await local.crm.contacts.update(sal?.id as string, { phone: '3', jobTitle: 'Admin' }); // later than the product's: wins
    const second = await sync();
    expect(second.writes).toEqual({ crm: 0, product: 1 });
    expect(getUser(db, 'a')).toMatchObject({ phone: '3', jobTitle: 'Admin' });
    expect((await sync()).writes).toEqual({ crm: 0, product: 0 });
    expect(connectCrm(local.target).name).toBe('salesforce');
  });
});
