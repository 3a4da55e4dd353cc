// The demo's rows found by what they say rather than by their ids, for tests about the demo data
// itself (its pages, its hand-computed leaderboard): the ids follow load order, the words do not.
import type { Db } from "../../db/connection";
import { findPersonByHandle } from "../../db/people";

function only(db: Db, table: "claims" | "events" | "sources", column: "text" | "title", words: string): number {
  const ids = db.prepare(`SELECT id FROM ${table} WHERE instr(${column}, ?) > 0`).pluck().all(words) as number[];
  const [id, ...more] = ids;
  if (id === undefined || more.length > 0) throw new Error(`${ids.length} ${table} match "${words}"`);
  return id;
}

/** The one claim whose text contains these words, e.g. demoClaimId(db, "Office"). */
export const demoClaimId = (db: Db, words: string) => only(db, "claims", "text", words);
/** The one event whose title contains these words. */
export const demoEventId = (db: Db, words: string) => only(db, "events", "title", words);
/** The one source whose title contains these words. */
export const demoSourceId = (db: Db, words: string) => only(db, "sources", "title", words);

export function personIdByHandle(db: Db, handle: string): number {
  const person = findPersonByHandle(db, handle);
  if (!person) throw new Error(`no person ${handle}`);
  return person.id;
}
