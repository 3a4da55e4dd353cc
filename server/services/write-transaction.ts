// The one way services open a transaction. Besides all-or-nothing, it bumps the data version that
// cached pages are kept by (server/http/page-cache.ts), once per transaction and inside it: a
// write and the end of every cached page it could change commit together, from any process.
// Per-row triggers did this before, and cost a fifth of a million-forecast load.
import type { Db } from "../../db/connection";
import { bumpDataVersion } from "../../db/data-version";

export function writeTransaction<A extends unknown[], T>(db: Db, work: (...args: A) => T): (...args: A) => T {
  return db.transaction((...args: A) => {
    const result = work(...args);
    bumpDataVersion(db);
    return result;
  });
}
