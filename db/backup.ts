// Copies of the database file, for `npm run backup` and `npm run restore`. SQLite's online backup
// API copies a consistent snapshot page by page while the server keeps reading and writing (a
// plain `cp` of a WAL database can catch it half-written).
import fs from "node:fs";
import Database from "better-sqlite3";
import { listMigrations, type Db } from "./connection";

/** Writes a consistent copy of the open database to `dest` (a new file). */
export async function copyDatabaseTo(db: Db, dest: string): Promise<{ pages: number }> {
  const { totalPages } = await db.backup(dest);
  selfContained(dest);
  return { pages: totalPages };
}

/**
 * A copy of a WAL database is a WAL database too, and SQLite leaves -wal and -shm files beside
 * it once anyone opens it read-only. In rollback mode the copy is one self-contained file that
 * can be moved, copied or renamed into place; openDb turns WAL back on when the server opens it.
 */
function selfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
}

/** Tables every Hindsight database has since its first migration. */
const CORE_TABLES = ["schema_migrations", "accounts", "people", "sources", "claims", "forecasts"];

export type Inspection =
  { ok: true; latest: number; migrations: number; tables: number } | { ok: false; message: string };

/**
 * Whether the file is a Hindsight database this code can run: an SQLite file that passes
 * SQLite's quick check, with the core tables, and no migration newer than the code knows.
 * Opened read-only: inspecting changes nothing.
 */
export function inspectDatabase(file: string, known = listMigrations()): Inspection {
  if (!fs.existsSync(file)) return { ok: false, message: `${file}: no such file` };
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok")
      return { ok: false, message: `${file}: the SQLite file is damaged (quick_check: ${String(check)})` };
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    const missing = CORE_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0)
      return { ok: false, message: `${file}: not a Hindsight database (no table ${missing.join(", ")})` };
    const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all() as number[];
    const knownVersions = new Set(known.map((m) => m.version));
    const newer = versions.filter((v) => !knownVersions.has(v));
    if (newer.length > 0) {
      const newest = Math.max(...known.map((m) => m.version));
      return {
        ok: false,
        message: `${file}: made by a newer Hindsight (migration ${newer.map(pad).join(", ")}; this code knows up to ${pad(newest)}); update the code first`,
      };
    }
    return { ok: true, latest: Math.max(0, ...versions), migrations: versions.length, tables: tables.size };
  } catch (err) {
    // SQLITE_NOTADB and friends: the file is something else.
    return { ok: false, message: `${file}: not an SQLite database (${(err as Error).message})` };
  } finally {
    db?.close();
  }
}

const pad = (v: number) => String(v).padStart(4, "0");

/** Copies the database in `file` (read-only, consistent) to the new file `dest`. */
export async function copyDatabaseFile(file: string, dest: string): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(dest);
  } finally {
    db.close();
  }
  selfContained(dest);
}
