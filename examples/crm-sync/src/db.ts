import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

/** A row as sql.js reads it: column name → value. */
export type Row = Record<string, SqlValue>;

/**
 * The product's SQLite database, kept in memory by sql.js (WASM: the same
 * files on every Node version, no native addon) and written to its file at
 * each commit point, atomically: a temporary file, flushed to disk, renamed
 * over the old one. A process killed at any moment leaves the file as it
 * was after the last commit, never half written.
 */
export interface SyncDb {
  readonly path: string;
  /** Rows of a query. */
  all(sql: string, params?: SqlValue[]): Row[];
  /** The first row of a query, or undefined. */
  get(sql: string, params?: SqlValue[]): Row | undefined;
  /** Runs a statement. */
  run(sql: string, params?: SqlValue[]): void;
  /**
   * Runs `work` in one transaction and, once it has committed, writes the
   * database to its file: everything `work` wrote becomes durable at once,
   * or (on a throw, or a kill before the rename) none of it does.
   */
  transaction<T>(work: () => T): T;
  close(): void;
}

/** Options for {@link openDb}. */
export interface OpenDbOptions {
  /** Changes stay in memory, never written to the file (`--dry-run`). */
  readOnly?: boolean;
}

let sql: Promise<initSqlJs.SqlJsStatic> | undefined;

/** Opens (or creates, with the schema) the database at `path`. */
export async function openDb(path: string, options: OpenDbOptions = {}): Promise<SyncDb> {
  sql ??= initSqlJs();
  const SQL = await sql;
  const db: Database = existsSync(path) ? new SQL.Database(readFileSync(path)) : new SQL.Database();
  const rows = (query: string, params: SqlValue[] = []): Row[] => {
    const statement = db.prepare(query, params);
    try {
      const out: Row[] = [];
      while (statement.step()) out.push(statement.getAsObject());
      return out;
    } finally {
      statement.free();
    }
  };
  const changes = () => Number(rows('SELECT total_changes() AS n')[0]?.n);
  let depth = 0;
  const api: SyncDb = {
    path,
    all: rows,
    get: (query, params) => rows(query, params)[0],
    run: (query, params = []) => void db.run(query, params),
    transaction<T>(work: () => T): T {
      if (depth > 0) return work();
      const before = changes();
      db.exec('BEGIN IMMEDIATE');
      depth++;
      let result: T;
      try {
        result = work();
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      } finally {
        depth--;
      }
      // Nothing changed, nothing written: a run with nothing to do leaves the file as it was, byte for byte.
      if (!options.readOnly && changes() !== before) writeAtomically(path, db.export());
      return result;
    },
    close: () => db.close(),
  };
  // A new database gets the schema, written at once.
  if (Number(api.get('PRAGMA user_version')?.user_version) === 0) {
    api.transaction(() => {
      db.exec(SCHEMA);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    });
    if (!options.readOnly) writeAtomically(path, db.export());
  }
  return api;
}

/** Writes `bytes` to `path` so that a crash leaves the old file or the new one: temp file, fsync, rename, fsync the folder. */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  // The rename itself is durable once the folder is flushed (not possible on Windows: skipped there).
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {}
}
