import assert from "node:assert/strict";
import request from "supertest";
import { openDb } from "../../db/connection";
import { scorableForecastInputs } from "../../db/forecasts";
import { currentResolutionInputs } from "../../db/resolutions";
import { scoreAll } from "../../server/domain/scoring";
import { scoreEverything } from "../../server/services/scores";
import { testApp } from "../support/app";
import { demoDb } from "../support/db";

describe("the cached scores", () => {
  it("equal a full recomputation", () => {
    const db = demoDb();
    const cached = scoreEverything(db);
    assert.equal(scoreEverything(db), cached, "the second call reuses the result");
    const full = scoreAll(scorableForecastInputs(db), currentResolutionInputs(db));
    assert.deepEqual(cached.people, full.people);
  });

  it("follow a write made by another process on the same file (a CLI, say) on the next request", async () => {
    const db = demoDb();
    const app = testApp(db);
    const row = async () =>
      ((await request(app).get("/api/leaderboard")).body.rows as { handle: string; brier: number }[]).find(
        (r) => r.handle === "xoxoGeorges",
      );
    assert.equal((await row())?.brier, 0.17);
    const other = openDb(db.name);
    other
      .prepare(
        "INSERT INTO resolutions (claim_id, verdict, known_at, known_at_basis, rationale, created_at) VALUES (4, 'NO', '2016-06-01T00:00:00.000Z', 'event', 'from another process', '2026-11-23T00:00:00.000Z')",
      )
      .run();
    other.close();
    assert.equal((await row())?.brier, 0.37);
  });
});
