import { stmt, type Db } from "./connection";

export function getSetting(db: Db, key: string): string | undefined {
  return stmt(db, `SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
}

/** Returns the stored value, or stores and returns `make()` if there is none yet. */
export function getOrCreateSetting(db: Db, key: string, make: () => string): string {
  stmt(db, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`).run(key, make());
  return getSetting(db, key) ?? "";
}
