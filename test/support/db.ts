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

export function tempPath(name: string): string {
  counter += 1;
  return path.join(dir, `${counter}-${name}`);
}

after(() => fs.rmSync(dir, { recursive: true, force: true }));
