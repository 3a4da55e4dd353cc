// The board read from stored scores must be the board recomputed in memory from every forecast
// (server/services/recomputed-scores.ts), row for row.
import assert from "node:assert/strict";
import type { Db } from "../../db/connection";
import type { ScoreFilter } from "../../db/forecasts";
import { SORT_KEYS, type SortKey } from "../../server/domain/scoring";
import { filteredLeaderboard, leaderboardPage, type LeaderboardRow } from "../../server/services/stored-board";
import { leaderboard } from "../../server/services/recomputed-scores";
import { diffStoredScores } from "../../server/services/stored-scores";
import { demoDb } from "../support/db";

const NUMBERS = ["resolved", "brier", "adjustedBrier", "logScore", "accuracy", "peerScore", "medianLeadMs"] as const;

function assertSameRows(stored: readonly LeaderboardRow[], memory: readonly LeaderboardRow[], what: string): void {
  assert.deepEqual(
    stored.map((r) => r.handle),
    memory.map((r) => r.handle),
    `${what}: handles in order`,
  );
  memory.forEach((want, i) => {
    const got = stored[i];
    assert.ok(got);
    assert.equal(got.personId, want.personId);
    assert.equal(got.kind, want.kind);
    assert.deepEqual(got.calibration, want.calibration, `${what}: calibration of ${want.handle}`);
    for (const key of NUMBERS) {
      const [a, b] = [got[key], want[key]];
      const ok = a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12;
      assert.ok(ok, `${what}: ${want.handle}.${key} stored ${a} vs in memory ${b}`);
    }
  });
}

function compare(db: Db, filter: ScoreFilter, sort: SortKey, min = 1): void {
  const memory = leaderboard(db, filter, { min, sort });
  const stored = filteredLeaderboard(db, filter, { min, sort, page: 1, perPage: 1000, detail: true });
  assert.equal(stored.total, memory.length);
  assertSameRows(stored.rows, memory, `${JSON.stringify(filter)} by ${sort}, min ${min}`);
}

describe("the leaderboard read from stored scores (demo dataset)", () => {
  it("starts from stored scores that equal a full recomputation", () => {
    assert.deepEqual(diffStoredScores(demoDb()), []);
  });

  it("equals the in-memory default board row for row", () => {
    const db = demoDb();
    const memory = leaderboard(db, {}, { min: 1, sort: "adjusted_brier" });
    assert.ok(memory.length >= 10, "the demo has a board worth comparing");
    assertSameRows(
      leaderboardPage(db, { min: 1, sort: "adjusted_brier", page: 1, perPage: 100, detail: true }).rows,
      memory,
      "default",
    );
  });

  it("equals the in-memory board filtered by a tag", () => {
    const db = demoDb();
    const memory = leaderboard(db, { tag: "microsoft" }, { min: 1, sort: "adjusted_brier" });
    assert.ok(memory.length > 0 && memory.length < leaderboard(db, {}, { min: 1, sort: "adjusted_brier" }).length);
    compare(db, { tag: "microsoft" }, "adjusted_brier");
  });

  it("equals it for every sort, a higher min, and the period, source and publisher filters", () => {
    const db = demoDb();
    const source = db.prepare("SELECT source_id FROM forecast_scores WHERE source_id IS NOT NULL").pluck().get();
    const publisher = db.prepare("SELECT publisher FROM sources WHERE publisher IS NOT NULL").pluck().get();
    assert.equal(typeof source, "number");
    assert.equal(typeof publisher, "string");
    const filters: ScoreFilter[] = [
      {},
      { tag: "xiaomi" },
      { resolvedFrom: "2016-01-01", resolvedTo: "2018-02-23" },
      { sourceId: source as number },
      { publisher: publisher as string },
      { tag: "no-such-tag" },
    ];
    for (const filter of filters) for (const sort of SORT_KEYS) compare(db, filter, sort);
    compare(db, {}, "adjusted_brier", 2);
  });

  it("pages through the same rows", () => {
    const db = demoDb();
    const all = leaderboard(db, {}, { min: 1, sort: "adjusted_brier" });
    const pages = [1, 2, 3, 4].map((page) =>
      leaderboardPage(db, { min: 1, sort: "adjusted_brier", page, perPage: 3, detail: true }),
    );
    assert.deepEqual(
      pages.flatMap((p) => p.rows.map((r) => r.handle)),
      all.map((r) => r.handle),
    );
    assert.ok(pages.every((p) => p.total === all.length));
    assert.throws(() => leaderboardPage(db, { min: 1, sort: "brier", page: 0, perPage: 3 }), /page must be 1 or more/);
  });
});
