import { stmt, type Db } from "./connection";

/** Bumped once by every write transaction (server/services/write-transaction.ts; migration 0007). */
export function dataVersion(db: Db): number {
  return stmt(db, `SELECT v FROM data_version WHERE id = 1`).pluck().get() as number;
}

/** Bumped only when stored scores change (server/services/stored-scores.ts; migration 0011). */
export function scoresVersion(db: Db): number {
  return stmt(db, `SELECT scores FROM data_version WHERE id = 1`).pluck().get() as number;
}

/** Called once in every write transaction. */
export function bumpDataVersion(db: Db): void {
  stmt(db, `UPDATE data_version SET v = v + 1 WHERE id = 1`).run();
}

/** Called in the transaction of every write that changed stored scores. */
export function bumpScoresVersion(db: Db): void {
  stmt(db, `UPDATE data_version SET scores = scores + 1 WHERE id = 1`).run();
}
