import { stmt, type Db } from "./connection";

/**
 * The tables whose rows are someone's data: anything in one of them means the database is in use
 * and the demo must not be mixed in. Bookkeeping (sessions, settings, the data and score versions,
 * audit entries, stored scores) is derived or technical and does not count.
 */
const DATA_TABLES = [
  "accounts",
  "sources",
  "comments",
  "people",
  "claims",
  "forecasts",
  "events",
  "resolutions",
  "candidates",
] as const;

/** The data tables that hold at least one row, in the order above (empty: a fresh database). */
export function tablesWithData(db: Db): string[] {
  return DATA_TABLES.filter((t) => stmt(db, `SELECT EXISTS (SELECT 1 FROM ${t})`).pluck().get() === 1);
}
