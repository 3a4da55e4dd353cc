import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ROOT } from "./paths";
import { handleKey, handleSkeleton } from "../server/domain/usernames";

export type Db = Database.Database;

/** Which rows of a list a page shows. Every list a request reads is read one slice at a time. */
export interface Slice {
  limit: number;
  offset: number;
}

/** Every row: for commands and benchmarks only, never for a request. SQLite reads LIMIT -1 as no limit. */
export const EVERY_ROW: Slice = { limit: -1, offset: 0 };

const MIGRATIONS_DIR = path.join(ROOT, "db", "migrations");

export interface OpenOptions {
  /**
   * SQLite's page cache for this connection, in MB (SQLite's own default is 2 MB). A million
   * forecasts make a database of about 350 MB whose indexes are written in random order: with
   * 2 MB of cache, loading it takes 129 s; with 256 MB, 56 s (scripts/bench, 2 cores).
   */
  cacheMb?: number;
}

/** Opens (creating if needed) the SQLite file with the settings every connection needs. */
export function openDb(file: string, opts: OpenOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  // Writers wait for each other instead of failing at once with SQLITE_BUSY.
  db.pragma("busy_timeout = 5000");
  db.pragma("synchronous = NORMAL");
  db.pragma(`cache_size = ${-1024 * Math.max(2, Math.round(opts.cacheMb ?? 64))}`);
  return db;
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f, sql: fs.readFileSync(path.join(dir, f), "utf8") }));
}

/**
 * Applies the migrations not yet recorded, each in its own transaction with its record,
 * so a database stops at the last good version if one fails. Returns the names applied.
 */
export function migrate(db: Db, migrations = listMigrations()): string[] {
  // What a migration needs that SQLite lacks (full Unicode case folding): lent from TypeScript.
  db.function("handle_key", { deterministic: true }, (h: unknown) => handleKey(String(h)));
  db.function("handle_skeleton", { deterministic: true }, (h: unknown) => handleSkeleton(String(h)));
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[]);
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const done: string[] = [];
  for (const m of migrations) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, new Date().toISOString());
    })();
    done.push(m.name);
  }
  return done;
}

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement, compiled once per connection and reused: imports run the same few
 * statements hundreds of thousands of times, and compiling each time would dominate.
 */
export function stmt(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

/** One page of a list: `limit` rows after skipping `offset` (the shape paginate() returns). */
export interface Slice {
  limit: number;
  offset: number;
}
