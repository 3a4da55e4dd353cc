import fs from "node:fs";
import path from "node:path";
import type { DateTime } from "luxon";
import { countSources } from "../../db/sources";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { ARTICLE_FILE, ARTICLE_TITLE, demoDataset, THREAD_FILE, THREAD_PUBLISHED } from "./demo-dataset";
import { importArticle, importThread } from "./import-thread";
import { loadDataset } from "./load-dataset";

const SEED_DIR = path.join(ROOT, "db", "seed-data");

/** Loads the demo into an empty database; does nothing (returns false) if anything is stored. */
export function seedDemoIfEmpty(db: Db, now: DateTime): boolean {
  if (countSources(db) > 0) return false;
  const read = (f: string) => fs.readFileSync(path.join(SEED_DIR, f), "utf8");
  db.transaction(() => {
    importThread(db, read(THREAD_FILE), { published: THREAD_PUBLISHED }, now);
    importArticle(db, read(ARTICLE_FILE), { title: ARTICLE_TITLE }, now);
    loadDataset(db, demoDataset(), now);
  })();
  return true;
}
