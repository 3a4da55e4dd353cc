import type { Db } from "../../db/connection";
import { createApp } from "../../server/app";
import type { Logger } from "../../server/http/logging";
import type { SecurityOptions } from "../../server/http/security";
import { TEST_NOW } from "./db";

export interface TestAppOptions {
  security?: SecurityOptions;
  logger?: Logger;
  baseUrl?: string;
  importTimeoutMs?: number;
}

/** The real app over a real database file; no logger (unless given) so test output stays readable. */
export function testApp(db: Db, opts: TestAppOptions = {}) {
  return createApp({ db, clock: () => TEST_NOW, ...opts });
}
