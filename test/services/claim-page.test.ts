// The claim and person pages read stored scores: what they say of each forecast (status, scores,
// crowd) and of each person must be what the in-memory scoring of the whole database says.
import assert from "node:assert/strict";
import {
  countForecastsOfClaim,
  countForecastsOfPerson,
  forecastsForClaim,
  forecastsForPerson,
} from "../../db/forecasts";
import type { ForecastView } from "../../db/forecasts";
import type { Db } from "../../db/connection";
import { claimPage, forecastRows, type ForecastStatus } from "../../server/services/claim-page";
import { scoreEverything } from "../../server/services/recomputed-scores";
import { personSummary } from "../../server/services/stored-board";
import { rescoreClaims } from "../../server/services/stored-scores";
import { demoDb, emptyDb } from "../support/db";
import { makeForecast, makeResolvedClaim } from "../support/factories";

const EXACT = 1e-12;
const all = (n: number) => ({ limit: Math.max(n, 1), offset: 0 });

/** What the page said of a forecast before it read stored scores: the claim scored in memory. */
function expectedRow(
  db: Db,
  f: ForecastView,
): { status: ForecastStatus; forecastId: number | null; brier: number | null; crowdBrier: number | null } {
  const claim = scoreEverything(db).claims.get(f.claimId);
  const verdict = db.prepare("SELECT verdict FROM current_resolutions WHERE claim_id = ?").pluck().get(f.claimId);
  const crowdBrier = claim?.crowdBrier ?? null;
  if (verdict === undefined) return { status: "open", forecastId: null, brier: null, crowdBrier };
  if (claim?.afterTheFact.some((a) => a.id === f.id))
    return { status: "after the fact", forecastId: null, brier: null, crowdBrier };
  if (verdict === "ANNULLED") return { status: "annulled", forecastId: null, brier: null, crowdBrier };
  const scored = claim?.counted.find((s) => s.forecastId === f.id);
  return scored
    ? { status: "counted", forecastId: scored.forecastId, brier: scored.brier, crowdBrier }
    : { status: "superseded", forecastId: null, brier: null, crowdBrier };
}

describe("claim page from stored scores", () => {
  it("shows the crowd of 0.8, 0.6, 0.3 on a YES claim: median 0.6, Brier 0.16 beside every counted row", () => {
    const db = emptyDb();
    const { claimId } = makeResolvedClaim(db);
    for (const probability of [0.8, 0.6, 0.3]) makeForecast(db, { claimId, probability });
    db.transaction(() => rescoreClaims(db, [claimId]))();
    const page = claimPage(db, claimId, all(3));
    assert.equal(page?.forecastTotal, 3);
    assert.ok(Math.abs((page?.crowd?.crowdMedian ?? NaN) - 0.6) <= EXACT);
    for (const row of page?.rows ?? []) {
      assert.equal(row.status, "counted");
      assert.ok(Math.abs((row.crowdBrier ?? NaN) - 0.16) <= EXACT);
    }
    assert.deepEqual(
      page?.rows.map((r) => Math.round((r.score?.brier ?? NaN) * 100) / 100),
      [0.04, 0.16, 0.49],
    );
  });

  it("says of every demo forecast what the in-memory scoring says", () => {
    const db = demoDb();
    const claimIds = db.prepare("SELECT id FROM claims").pluck().all() as number[];
    let checked = 0;
    for (const id of claimIds) {
      const rows = forecastRows(db, forecastsForClaim(db, id, all(countForecastsOfClaim(db, id))));
      for (const row of rows) {
        const want = expectedRow(db, row);
        assert.equal(row.status, want.status, `forecast ${row.id}`);
        assert.equal(row.score?.forecastId ?? null, want.forecastId, `forecast ${row.id}`);
        assert.equal(row.score?.brier ?? null, want.brier, `forecast ${row.id}`);
        assert.equal(row.crowdBrier, want.crowdBrier, `forecast ${row.id}`);
        checked += 1;
      }
    }
    assert.ok(checked > 10, `the demo has forecasts (${checked})`);
  });

  it("gives every demo person the summary the in-memory scoring gives", () => {
    const db = demoDb();
    const people = scoreEverything(db).people;
    assert.ok(people.length > 5);
    for (const want of people) {
      const got = personSummary(db, want.personId);
      assert.ok(got, `person ${want.personId}`);
      for (const key of [
        "resolved",
        "brier",
        "adjustedBrier",
        "logScore",
        "accuracy",
        "peerScore",
        "medianLeadMs",
      ] as const) {
        const a = got[key];
        const b = want[key];
        assert.ok(
          a === b || (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= EXACT),
          `${key} of ${want.personId}`,
        );
      }
      assert.deepEqual(got.calibration, want.calibration);
      const rows = forecastRows(
        db,
        forecastsForPerson(db, want.personId, all(countForecastsOfPerson(db, want.personId))),
      );
      assert.equal(rows.filter((r) => r.status === "counted").length, want.resolved);
    }
  });
});
