import { stmt, type Db } from "./connection";

/** Bumped by triggers on every write that can change a score (see migration 0005). */
export function scoreVersion(db: Db): number {
  return stmt(db, `SELECT v FROM score_version WHERE id = 1`).pluck().get() as number;
}
