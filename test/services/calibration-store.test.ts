// claim_calibration (migration 0019): each scored claim's counts per bucket, kept by rescoreClaims
// and equal, for the site and for a tag, to bucketing every stored forecast score afresh.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { insertResolution } from "../../db/resolutions";
import { allForecastScores, calibrationSums } from "../../db/stored-scores";
import { calibration, calibrationFromSums } from "../../server/domain/scoring";
import { rebuildAllScores, rescoreClaims } from "../../server/services/stored-scores";
import { writeTransaction } from "../../server/services/write-transaction";
import { demoDb, emptyDb } from "../support/db";
import { makeClaim, makeForecast, makeResolvedClaim } from "../support/factories";

/** Counts and YES shares must match exactly; the mean forecast up to float summing order. */
function assertSameBuckets(db: Db, tag?: string): void {
  const stored = calibrationFromSums(calibrationSums(db, tag));
  const tagged =
    tag === undefined
      ? null
      : new Set(
          db
            .prepare("SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE t.name = ?")
            .pluck()
            .all(tag) as number[],
        );
  const fresh = calibration(allForecastScores(db).filter((s) => tagged === null || tagged.has(s.claimId)));
  assert.deepEqual(
    stored.map((b) => [b.count, b.yesShare]),
    fresh.map((b) => [b.count, b.yesShare]),
  );
  stored.forEach((b, i) => {
    const want = fresh[i]?.meanProbability ?? null;
    if (want === null) assert.equal(b.meanProbability, null);
    else assert.ok(Math.abs((b.meanProbability ?? 0) - want) < 1e-12);
  });
}

describe("claim_calibration", () => {
  it("follows a resolution, a re-resolution and a late forecast, with 9.996 % in the first bucket", () => {
    const db = emptyDb();
    const { claimId } = makeResolvedClaim(db, { verdict: "YES" });
    const tagged = makeClaim(db, { tags: ["widgets"], resolveBy: "2020-01-01" });
    for (const p of [0.09996, 0.1, 0.29996, 0.69999, 0.7 - 0.4]) makeForecast(db, { claimId, probability: p });
    for (const p of [0.8, 0.85]) makeForecast(db, { claimId: tagged, probability: p });
    writeTransaction(db, () => rescoreClaims(db, [claimId, tagged]))();
    const first = calibrationFromSums(calibrationSums(db));
    assert.deepEqual(
      first.map((b) => b.count),
      [1, 1, 1, 1, 0, 0, 1, 0, 0, 0],
    );
    assertSameBuckets(db);

    writeTransaction(db, () => {
      insertResolution(db, {
        claimId: tagged,
        verdict: "NO",
        knownAt: "2019-06-01T00:00:00.000Z",
        knownAtBasis: "event",
        rationale: "It did not.",
        resolvedBy: null,
        createdAt: "2026-01-01T00:00:00.000Z",
        eventIds: [],
      });
      rescoreClaims(db, [tagged]);
    })();
    assertSameBuckets(db);
    assertSameBuckets(db, "widgets");
    assert.deepEqual(
      calibrationFromSums(calibrationSums(db, "widgets")).map((b) => b.count),
      [0, 0, 0, 0, 0, 0, 0, 0, 2, 0],
    );

    // Re-resolved YES → ANNULLED: the claim scores nobody, so its buckets go.
    writeTransaction(db, () => {
      insertResolution(db, {
        claimId,
        verdict: "ANNULLED",
        knownAt: "2019-05-01T00:00:00.000Z",
        knownAtBasis: "event",
        rationale: "The question was void.",
        resolvedBy: null,
        createdAt: "2026-01-02T00:00:00.000Z",
        eventIds: [],
      });
      rescoreClaims(db, [claimId]);
    })();
    assertSameBuckets(db);
    assert.equal(
      calibrationFromSums(calibrationSums(db)).reduce((n, b) => n + b.count, 0),
      2,
    );
  });

  it("the demo: stored buckets equal a fresh bucketing, for the site and each tag; a rebuild keeps them", () => {
    const db = demoDb();
    assertSameBuckets(db);
    for (const tag of db.prepare("SELECT name FROM tags").pluck().all() as string[]) assertSameBuckets(db, tag);
    writeTransaction(db, () => rebuildAllScores(db))();
    assertSameBuckets(db);
  });

  it("the migration's backfill gives the rows rescoring writes", () => {
    const db = demoDb();
    const rows = () =>
      db.prepare("SELECT * FROM claim_calibration ORDER BY claim_id, bucket").all() as Record<string, number>[];
    const written = rows();
    assert.ok(written.length > 0);
    const sql = fs.readFileSync(path.join(ROOT, "db", "migrations", "0019_add_chart_reads.sql"), "utf8");
    const backfill = sql.slice(sql.indexOf("INSERT INTO claim_calibration"));
    db.exec("DELETE FROM claim_calibration");
    db.exec(backfill);
    const filled = rows();
    assert.deepEqual(
      filled.map((r) => [r.claim_id, r.bucket, r.count, r.yes]),
      written.map((r) => [r.claim_id, r.bucket, r.count, r.yes]),
    );
  });
});
