import { stmt, type Db } from "./connection";

/** Bumped by triggers on every write to what a visitor's page can show (see migration 0007). */
export function dataVersion(db: Db): number {
  return stmt(db, `SELECT v FROM data_version WHERE id = 1`).pluck().get() as number;
}

/** Called once in every write transaction (server/services/write-transaction.ts). */
export function bumpDataVersion(db: Db): void {
  stmt(db, `UPDATE data_version SET v = v + 1 WHERE id = 1`).run();
}
