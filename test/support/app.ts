import type { Db } from "../../db/connection";
import { createApp } from "../../server/app";
import { TEST_NOW } from "./db";

/** The real app over a real database file; no logger so test output stays readable. */
export function testApp(db: Db) {
  return createApp({ db, clock: () => TEST_NOW });
}
