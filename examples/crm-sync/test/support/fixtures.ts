import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { readCheckpoint } from '../../src/checkpoint.js';
import { openDb, type SyncDb } from '../../src/db.js';
import { listPending } from '../../src/links.js';
import { saveUsers, type User, userOf } from '../../src/schema.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for a test's database file. */
export function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-sync-'));
  dirs.push(dir);
  return join(dir, 'users.db');
}

/** `count` product users, `u001` on, with names and (for every third) a phone. */
export function seedUsers(db: SyncDb, count: number, now = Date.now()): void {
  saveUsers(
    db,
    Array.from({ length: count }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      return {
        id: `u${n}`,
        email: `user${n}@example.com`,
        firstName: `First${n}`,
        lastName: `Last${n}`,
        ...(i % 3 === 0 ? { phone: `+1555000${n}` } : {}),
      };
    }),
    now,
  );
}

/** The file as a process started now would find it: users, checkpoint, queued pushes. */
export async function readBack(
  path: string,
): Promise<{ users: User[]; checkpoint: ReturnType<typeof readCheckpoint>; pending: ReturnType<typeof listPending>; links: number }> {
  const db = await openDb(path, { readOnly: true });
  try {
    return {
      users: db.all('SELECT * FROM users ORDER BY id').map(userOf),
      checkpoint: readCheckpoint(db),
      pending: listPending(db),
      links: Number(db.get('SELECT count(*) AS n FROM crm_links')?.n),
    };
  } finally {
    db.close();
  }
}

/** The file's bytes. */
export const bytesOf = (path: string) => readFileSync(path);
