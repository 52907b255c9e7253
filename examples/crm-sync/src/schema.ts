import type { SqlValue } from 'sql.js';
import type { Row, SyncDb } from './db.js';

/** Bumped when the schema changes. */
export const SCHEMA_VERSION = 1;

/**
 * The product's `users` (what a product already has, plus a `version`
 * column that triggers keep), and the sync's own tables: the link to each
 * CRM contact with the field values both sides last agreed on, the users
 * waiting for another push, and the sync's progress.
 */
export const SCHEMA = `
CREATE TABLE users (
  id         TEXT PRIMARY KEY,
  email      TEXT NOT NULL UNIQUE,
  first_name TEXT,
  last_name  TEXT,
  phone      TEXT,
  job_title  TEXT,
  updated_at INTEGER NOT NULL,          -- ms since epoch, set by whoever writes the row
  version    INTEGER NOT NULL DEFAULT 0 -- from user_versions, bumped by the triggers on every change
);
CREATE INDEX users_by_version ON users (version);

-- One counter for all users: a row's version says when it last changed, in order, whoever wrote it.
CREATE TABLE user_versions (n INTEGER NOT NULL);
INSERT INTO user_versions VALUES (0);
CREATE TRIGGER users_inserted AFTER INSERT ON users BEGIN
  UPDATE user_versions SET n = n + 1;
  UPDATE users SET version = (SELECT n FROM user_versions) WHERE id = NEW.id;
END;
CREATE TRIGGER users_updated AFTER UPDATE OF email, first_name, last_name, phone, job_title ON users
WHEN OLD.email IS NOT NEW.email OR OLD.first_name IS NOT NEW.first_name OR OLD.last_name IS NOT NEW.last_name
  OR OLD.phone IS NOT NEW.phone OR OLD.job_title IS NOT NEW.job_title
BEGIN
  UPDATE user_versions SET n = n + 1;
  UPDATE users SET version = (SELECT n FROM user_versions) WHERE id = NEW.id;
END;

-- The CRM contact each user is linked to, and the base of the three-way merge:
-- each synced field's value as both sides last held it (JSON).
CREATE TABLE crm_links (
  user_id TEXT PRIMARY KEY,
  crm_id  TEXT NOT NULL UNIQUE,
  base    TEXT NOT NULL
);

-- Users to push again whatever the watermark says: a failed item, a product-owned field changed in the CRM.
CREATE TABLE push_pending (
  user_id  TEXT PRIMARY KEY,
  reason   TEXT NOT NULL,
  error    TEXT,
  attempts INTEGER NOT NULL DEFAULT 0
);

-- Progress: the pull cursor, the push watermark, the push page in flight (see checkpoint.ts).
CREATE TABLE sync_state (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

/** The fields the sync keeps in step, by their unified CRM name. */
export const SYNCED_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'jobTitle'] as const;
/** One of {@link SYNCED_FIELDS}. */
export type SyncedField = (typeof SYNCED_FIELDS)[number];
/** Each synced field's column in `users`. */
export const COLUMNS: Record<SyncedField, string> = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  jobTitle: 'job_title',
};

/** The synced fields' values; `null` for not set. */
export type Fields = Record<SyncedField, string | null>;

/** A product user. */
export interface User extends Fields {
  id: string;
  /** Every user has one: it is their login, and the key contacts are upserted by. */
  email: string;
  updatedAt: number;
  version: number;
}

/** A `users` row as a {@link User}. */
export function userOf(row: Row): User {
  const text = (value: SqlValue | undefined) => (value === null || value === undefined ? null : String(value));
  return {
    id: String(row.id),
    email: String(row.email),
    firstName: text(row.first_name),
    lastName: text(row.last_name),
    phone: text(row.phone),
    jobTitle: text(row.job_title),
    updatedAt: Number(row.updated_at),
    version: Number(row.version),
  };
}

/** The synced fields of a user. */
export function fieldsOf(user: Fields): Fields {
  return Object.fromEntries(SYNCED_FIELDS.map((field) => [field, user[field]])) as Fields;
}

/** A user by id. */
export function getUser(db: SyncDb, id: string): User | undefined {
  const row = db.get('SELECT * FROM users WHERE id = ?', [id]);
  return row ? userOf(row) : undefined;
}

/**
 * What the product does when users sign up or edit their profile: the rows,
 * with `updated_at` now (the triggers bump `version`), in one transaction.
 * The sync needs nothing else from the product's code.
 */
export function saveUsers(db: SyncDb, users: readonly (Partial<Fields> & { id: string })[], now = Date.now()): void {
  db.transaction(() => {
    for (const user of users) {
      const given = SYNCED_FIELDS.filter((field) => user[field] !== undefined);
      const values = given.map((field) => user[field] ?? null);
      if (getUser(db, user.id)) {
        const sets = [...given.map((field) => `${COLUMNS[field]} = ?`), 'updated_at = ?'];
        db.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, [...values, now, user.id]);
      } else {
        const columns = ['id', ...given.map((field) => COLUMNS[field]), 'updated_at'];
        db.run(`INSERT INTO users (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, [user.id, ...values, now]);
      }
    }
  });
}
