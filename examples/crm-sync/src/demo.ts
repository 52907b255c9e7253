import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CrmTarget } from './crm.js';
import { openDb } from './db.js';
import { report } from './run.js';
import { startLocalCrm } from './sandbox.js';
import { saveUsers } from './schema.js';
import { runSync, type SyncResult } from './sync.js';

/**
 * The walkthrough `pnpm start` runs: a product database in a temporary
 * file, the provider's sandbox on 127.0.0.1, and the sync run after edits
 * on either side, a dry run first each time. Returns each real run's result.
 */
export async function runDemo(provider: CrmTarget['provider'], log: (line: string) => void = console.log): Promise<SyncResult[]> {
  // One clock for the sandbox, its change feed and the product, moved on between steps (Salesforce stamps whole seconds).
  let clock = Date.now();
  const now = () => clock;
  const later = () => {
    clock += 2000;
    return clock;
  };
  const dir = mkdtempSync(join(tmpdir(), 'crm-sync-demo-'));
  const path = join(dir, 'users.db');
  const local = await startLocalCrm(provider, { now });
  const results: SyncResult[] = [];
  const step = async (title: string) => {
    log(`\n## ${title}`);
    later();
    const bytes = readFileSync(path);
    const dry = await openDb(path, { readOnly: true });
    report(await runSync({ db: dry, crm: local.crm, dryRun: true }), true, log);
    dry.close();
    log(`  (file ${readFileSync(path).equals(bytes) ? 'unchanged' : 'CHANGED'}, ${local.writes().length} CRM writes so far)`);
    const db = await openDb(path);
    const result = await runSync({ db, crm: local.crm });
    db.close();
    report(result, false, log);
    results.push(result);
  };
  try {
    log(`CRM: the ${provider} sandbox on 127.0.0.1. Product database: ${path}`);
    const db = await openDb(path);
    saveUsers(
      db,
      [
        { id: 'u1', email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', jobTitle: 'Engineer' },
        { id: 'u2', email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', phone: '+1 555 0102' },
        { id: 'u3', email: 'alan@example.com', firstName: 'Alan', lastName: 'Turing' },
      ],
      now(),
    );
    db.close();
    // A rep already has Grace as a lead: the first push links her by email instead of making a second contact.
    await local.crm.contacts.create({ email: 'grace@example.com', lastName: 'Hopper', jobTitle: 'Rear Admiral' });
    await step('1. First run: every user becomes a contact');

    const contacts = await local.contacts();
    const idOf = (email: string) => contacts.find((c) => c?.email === email)?.id as string;
    const edit = await openDb(path);
    saveUsers(edit, [{ id: 'u1', phone: '+1 555 0101' }], later()); // Ada's phone, in the product...
    later();
    await local.crm.contacts.update(idOf('ada@example.com'), { phone: '+1 555 0199' }); // ...and in the CRM, later: the CRM wins
    saveUsers(edit, [{ id: 'u2', phone: '+1 555 0222' }], later()); // Grace's phone in the product, with no edit in the CRM
    await local.crm.contacts.update(idOf('alan@example.com'), { jobTitle: 'Cryptanalyst', email: 'alan@crm.example' }); // email is the product's
    saveUsers(
      edit,
      [
        { id: 'u3', firstName: 'Alan M.' },
        { id: 'u4', email: 'katherine@example.com', firstName: 'Katherine', lastName: 'Johnson' },
      ],
      later(),
    );
    edit.close();
    await step('2. Edits on both sides: merged field by field, a conflict, a product-owned field put back');
    await step('3. Nothing new: the sync’s own writes come back from the feed and are recognised');
    await step('4. Still nothing: zero writes on either side');
    return results;
  } finally {
    await local.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
