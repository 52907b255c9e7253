import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb } from '../src/db.js';
import { readArgs, runOnce } from '../src/run.js';
import { type LocalCrm, startLocalCrm } from '../src/sandbox.js';
import { bytesOf, readBack, seedUsers, tempDbPath } from './support/fixtures.js';
import { runChild } from './support/worker.js';

let local: LocalCrm;
beforeAll(async () => {
  local = await startLocalCrm('hubspot');
});
afterAll(() => local?.close());

const USERS = 120;

it('killed mid-push, then mid-pull (SIGKILL), it resumes: every user in the CRM once, every CRM edit in the database, then nothing to do', async () => {
  const path = tempDbPath();
  const db = await openDb(path);
  seedUsers(db, USERS);
  db.close();
  // A rep already has one of the users as a lead, and a lead who is no user.
  await local.crm.contacts.create({ email: 'user007@example.com', firstName: 'Seven', jobTitle: 'Lead' });
  await local.crm.contacts.create({ email: 'prospect@example.com', lastName: 'Prospect' });
  const seeded = local.writes().length;
  const url = (local.target as { baseUrl: string }).baseUrl;
  const args = (pageSize: number) => ['--db', path, '--url', url, '--lag-ms', '0', '--page-size', String(pageSize)];
  const env = { HUBSPOT_ACCESS_TOKEN: 'pat-sandbox-token' };

  // 1. Killed after the second push page (25 users) reached the CRM, before its results were committed.
  const first = await runChild(args(25), env, 'crm-written::2');
  expect(first.killed).toBe(true);
  const afterPushKill = await readBack(path);
  expect(afterPushKill.links).toBe(25); // page 1 only
  expect(afterPushKill.checkpoint.inflight).toHaveLength(25); // page 2: written, not recorded
  expect(afterPushKill.checkpoint.pushWatermark).toBe(afterPushKill.users[24]?.version);

  // 2. While it is down, reps edit 40 of the contacts, 15 of them from the unrecorded page.
  const written = (await local.contacts()).filter((c) => c?.email?.startsWith('user'));
  expect(written).toHaveLength(50);
  const edited = written.slice(0, 40);
  const edits = await local.crm.contacts.batch.update(edited.map((c, i) => ({ id: c?.id as string, jobTitle: `VP ${i}` })));
  expect(edits.every((r) => r.status === 'ok')).toBe(true);

  // 3. Started again, and killed after its third pull page (10 changes a page) was committed: before any push.
  const second = await runChild(args(10), env, 'checkpoint:pull:3');
  expect(second.events.map((e) => `${e.type}:${e.phase}`)).toEqual(Array(3).fill('checkpoint:pull'));
  const afterPullKill = await readBack(path);
  expect(afterPullKill.checkpoint.pullCursor).not.toBe(afterPushKill.checkpoint.pullCursor);
  expect(afterPullKill.checkpoint.inflight).toHaveLength(25); // still to settle

  // 4. Started again: the pull goes on from page 4, the push settles the page in flight and pushes the rest.
  const third = await runChild(args(10), env);
  expect(third.done?.pull.changes).toBe(50 - 30); // the 50 contacts of run 1, each once at its latest change; 30 taken before the kill
  expect(third.done?.push).toMatchObject({ created: USERS - 50, updated: 0, failed: 0 });
  const contacts = await local.contacts();
  expect(contacts).toHaveLength(USERS + 1); // every user once, and the prospect: user007's lead was linked, not duplicated
  expect(new Set(contacts.map((c) => c?.email)).size).toBe(USERS + 1);
  expect(contacts.find((c) => c?.email === 'user007@example.com')).toMatchObject({ firstName: 'First007', custom: { userId: 'u007' } });
  // Nothing written twice: one upsert per user across the three runs, and no update (the reps' edits were not overwritten).
  const writes = local.writes().slice(seeded);
  const syncWrites = writes.filter((w) => w.kind === 'upsert');
  expect(syncWrites).toHaveLength(USERS);
  expect(new Set(syncWrites.map((w) => w.key)).size).toBe(USERS);
  expect(writes.filter((w) => w.kind === 'update')).toHaveLength(edited.length); // the reps' batch, nothing of the sync's
  const synced = await readBack(path);
  const byEmail = new Map(synced.users.map((u) => [u.email, u]));
  expect(edited.map((c) => byEmail.get(c?.email as string)?.jobTitle)).toEqual(edited.map((_, i) => `VP ${i}`));
  expect(synced.links).toBe(USERS);
  expect(synced.pending).toEqual([]);
  expect(synced.checkpoint).toMatchObject({ inflight: undefined, pushWatermark: Math.max(...synced.users.map((u) => u.version)) });
  expect(synced.checkpoint.pullCursor).not.toBe(afterPullKill.checkpoint.pullCursor);

  // 5. Full runs with nothing new (the same CLI code, in this process): zero writes on either side. The first reads
  // back the 70 contacts run 4 created and recognises them; the second finds nothing and leaves the file untouched.
  const crmWrites = local.writes().length;
  const quiet = readArgs(args(100), env);
  const echo = await runOnce(quiet, { log: () => {} });
  expect(echo.pull.unchanged).toBe(USERS - 50);
  expect(echo.writes).toEqual({ crm: 0, product: 0 });
  const bytes = bytesOf(path);
  const idle = await runOnce(quiet, { log: () => {} });
  expect(idle.pull.changes).toBe(0);
  expect(idle.writes).toEqual({ crm: 0, product: 0 });
  expect(local.writes()).toHaveLength(crmWrites);
  expect(bytesOf(path).equals(bytes)).toBe(true);
});
