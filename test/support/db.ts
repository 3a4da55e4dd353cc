// Each test gets its own real SQLite file, copied from a template built once from the real
// migrations (and, for demoDb, the real demo loader), so tests never see each other's writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { migrate, openDb, type Db } from "../../db/connection";
import { seedDemoIfEmpty } from "../../server/services/demo";

/** The "now" of the test suite: fixed, so relative dates and "past resolve-by" never drift. */
export const TEST_NOW = DateTime.fromISO("2026-11-23T12:00:00Z", { zone: "utc" });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-test-"));
let counter = 0;
const templates = new Map<string, string>();

function template(name: string, build: (db: Db) => void): string {
  const existing = templates.get(name);
  if (existing) return existing;
  const file = path.join(dir, `template-${name}.db`);
  const db = openDb(file);
  build(db);
  // Fold the WAL into the main file so that a plain copy carries everything.
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  templates.set(name, file);
  return file;
}

function copyOf(templateFile: string): { db: Db; file: string } {
  counter += 1;
  const file = path.join(dir, `test-${process.pid}-${counter}.db`);
  fs.copyFileSync(templateFile, file);
  return { db: openDb(file), file };
}

/** A migrated, empty database. */
export function emptyDb(): Db {
  return copyOf(template("empty", (db) => void migrate(db))).db;
}

/** A migrated database with the demo dataset loaded. */
export function demoDb(): Db {
  return copyOf(
    template("demo", (db) => {
      migrate(db);
      seedDemoIfEmpty(db, TEST_NOW);
    }),
  ).db;
}

/** Rows in a table; 0 when the table does not exist (a command that failed early never made it). */
export function rowCount(db: Db, table: string): number {
  const exists = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table);
  return exists
    ? (db
        .prepare(`SELECT count(*) FROM "${table.replace(/"/g, "")}"`)
        .pluck()
        .get() as number)
    : 0;
}

/** Row counts of the given tables, to show that a refused request wrote nothing. */
export function rowCounts<T extends string>(db: Db, tables: readonly T[]): Record<T, number> {
  return Object.fromEntries(tables.map((t) => [t, rowCount(db, t)])) as Record<T, number>;
}

/** rowCount in a database file a child process wrote; 0 when the command never created the file. */
export function rowCountIn(dbFile: string, table: string): number {
  if (!fs.existsSync(dbFile)) return 0;
  const db = openDb(dbFile);
  try {
    return rowCount(db, table);
  } finally {
    db.close();
  }
}

export function tempPath(name: string): string {
  counter += 1;
  return path.join(dir, `${counter}-${name}`);
}

after(() => fs.rmSync(dir, { recursive: true, force: true }));
