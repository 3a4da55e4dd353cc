import fs from "node:fs";
import { writeTransaction } from "./write-transaction";
import path from "node:path";
import type { DateTime } from "luxon";
import { candidatesForSource, markAccepted } from "../../db/candidates";
import { forecastsForSource } from "../../db/forecasts";
import { tablesWithData } from "../../db/contents";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { toStored } from "../domain/dates";
import { ARTICLE_FILE, ARTICLE_TITLE, demoDataset, THREAD_FILE, THREAD_PUBLISHED } from "./demo-dataset";
import { importArticle, importThread } from "./import-thread";
import { loadDataset } from "./load-dataset";

const SEED_DIR = path.join(ROOT, "db", "seed-data");

/**
 * Loads the demo into an empty database; does nothing (returns false) if anything is stored: a
 * source, a claim, a person, a forecast, an event, a resolution or an account (db/contents.ts). A
 * dataset loaded with `load-dataset`, or an admin made with `create-user`, means the site is real,
 * and the demo's commenters must not join its board.
 */
export function seedDemoIfEmpty(db: Db, now: DateTime): boolean {
  if (tablesWithData(db).length > 0) return false;
  const read = (f: string) => fs.readFileSync(path.join(SEED_DIR, f), "utf8");
  writeTransaction(db, () => {
    const thread = importThread(db, read(THREAD_FILE), { published: THREAD_PUBLISHED }, now);
    importArticle(db, read(ARTICLE_FILE), { title: ARTICLE_TITLE }, now);
    loadDataset(db, demoDataset(), now);
    acceptQuotedCandidates(db, thread.sourceId, toStored(now));
  })();
  return true;
}

/**
 * The demo's forecasts were written from the thread's words, as an editor would have: the candidate
 * sentence a forecast quotes, on the same comment, is marked accepted with that forecast, so the
 * thread shows which comments became forecasts. The rest stay pending for an editor. A quote that
 * is not one whole candidate sentence (the article's own rumor has no comment) links nothing.
 */
function acceptQuotedCandidates(db: Db, sourceId: number, now: string): void {
  const key = (commentId: number, sentence: string) => `${commentId}\n${sentence}`;
  const pending = new Map(
    candidatesForSource(db, sourceId)
      .filter((c) => c.status === "pending")
      .map((c) => [key(c.commentId, c.sentence), c.id]),
  );
  for (const f of forecastsForSource(db, sourceId)) {
    if (f.commentId === null || f.quote === null) continue;
    const candidateId = pending.get(key(f.commentId, f.quote));
    if (candidateId === undefined) continue;
    markAccepted(db, candidateId, f.id, null, now);
    pending.delete(key(f.commentId, f.quote));
  }
}
