// Stored scores with hand-worked values (DESIGN.md "Scoring"): what rescoreClaims writes for a
// claim, how each person's sums follow a resolve, re-resolve, annul, newer forecast and merge, and
// that diffStoredScores notices a stored number that is wrong.
import assert from "node:assert/strict";
import { mergeClaimInto } from "../../db/claims";
import type { Db } from "../../db/connection";
import { allPersonScores, claimScoresOf, forecastScoresOfPeople } from "../../db/stored-scores";
import {
  diffStoredScores,
  ensureScoresStored,
  rebuildAllScores,
  rescoreClaims,
} from "../../server/services/stored-scores";
import { addClaim, addForecast, addPerson, resolve } from "../support/score-world";
import { emptyDb } from "../support/db";

const DAY_MS = 86_400_000;
const EXACT = 1e-12;

function closeTo(actual: number | null | undefined, expected: number): void {
  assert.ok(
    typeof actual === "number" && Math.abs(actual - expected) <= EXACT,
    `expected ${String(actual)} to be within ${EXACT} of ${expected}`,
  );
}

/** What a write service does: the write and its rescoring in one transaction. */
function write(db: Db, claimIds: number[], change: () => void): void {
  db.transaction(() => {
    change();
    rescoreClaims(db, claimIds);
  })();
}

function person(db: Db, personId: number) {
  return allPersonScores(db).find((p) => p.personId === personId);
}

/** ann 80 % (day 0) and bob 30 % (day 1) on one claim; nothing resolved yet. */
function twoForecasters() {
  const db = emptyDb();
  const ann = addPerson(db, "ann");
  const bob = addPerson(db, "bob");
  const claim = addClaim(db, ["widgets"]);
  addForecast(db, { claimId: claim, personId: ann, probability: 0.8, madeDay: 0 });
  addForecast(db, { claimId: claim, personId: bob, probability: 0.3, madeDay: 1 });
  return { db, ann, bob, claim };
}

describe("stored scores kept by rescoreClaims", () => {
  it("store nothing for an unresolved claim", () => {
    const { db, claim } = twoForecasters();
    write(db, [claim], () => {});
    assert.deepEqual(forecastScoresOfPeople(db, [1, 2]), []);
    assert.deepEqual(allPersonScores(db), []);
  });

  it("store each counted forecast of a YES claim with its Brier, log, hit, peer and lead time", () => {
    const { db, ann, bob, claim } = twoForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    const [a, b] = forecastScoresOfPeople(db, [ann, bob]);
    closeTo(a?.brier, 0.04); // (0.8 − 1)²
    closeTo(a?.logScore, Math.log(0.8));
    assert.equal(a?.hit, 1);
    closeTo(a?.peerScore, 100 * Math.log(0.8 / 0.3)); // n = 2: l_ann − l_bob
    assert.equal(a?.leadMs, 10 * DAY_MS);
    closeTo(b?.brier, 0.49); // (0.3 − 1)²
    assert.equal(b?.hit, 0);
    closeTo(b?.peerScore, -100 * Math.log(0.8 / 0.3)); // a claim's peer scores sum to 0
    assert.equal(b?.leadMs, 9 * DAY_MS);
  });

  it("sum each person: adjusted Brier (Σb + 2 × 0.25) / (resolved + 2)", () => {
    const { db, ann, bob, claim } = twoForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    const a = person(db, ann);
    assert.equal(a?.handle, "ann");
    assert.equal(a?.resolved, 1);
    closeTo(a?.sumBrier, 0.04);
    closeTo(a?.adjustedBrier, 0.18); // (0.04 + 0.5) / 3
    assert.equal(a?.peerCount, 1);
    closeTo(person(db, bob)?.adjustedBrier, 0.33); // (0.49 + 0.5) / 3
  });

  it("follow a re-resolution that flips the verdict", () => {
    const { db, ann, bob, claim } = twoForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    write(db, [claim], () => resolve(db, claim, "NO", 10));
    closeTo(person(db, ann)?.adjustedBrier, 0.38); // (0.64 + 0.5) / 3
    closeTo(person(db, bob)?.adjustedBrier, 0.59 / 3); // (0.09 + 0.5) / 3
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("drop every row and person of a claim that is annulled", () => {
    const { db, claim } = twoForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    write(db, [claim], () => resolve(db, claim, "ANNULLED", 10));
    assert.deepEqual(forecastScoresOfPeople(db, [1, 2]), []);
    assert.deepEqual(allPersonScores(db), []);
  });

  it("count the latest forecast before known-at, and never one made at or after it", () => {
    const { db, ann, claim } = twoForecasters();
    const carl = addPerson(db, "carl");
    addForecast(db, { claimId: claim, personId: ann, probability: 0.6, madeDay: 5 });
    addForecast(db, { claimId: claim, personId: ann, probability: 0.99, madeDay: 10 }); // after the fact
    addForecast(db, { claimId: claim, personId: carl, probability: 0.9, madeDay: 10 }); // after the fact
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    closeTo(person(db, ann)?.sumBrier, 0.16); // the 60 % of day 5
    assert.equal(person(db, carl), undefined);
    assert.deepEqual(diffStoredScores(db), []);
  });

  it("average over several claims; a lone forecaster's claim has no peer score", () => {
    const { db, ann, claim } = twoForecasters();
    const other = addClaim(db);
    addForecast(db, { claimId: other, personId: ann, probability: 0.5, madeDay: 0 });
    write(db, [claim, other], () => {
      resolve(db, claim, "YES", 10);
      resolve(db, other, "NO", 10);
    });
    const a = person(db, ann);
    assert.equal(a?.resolved, 2);
    closeTo(a?.sumBrier, 0.29); // 0.04 + 0.25
    closeTo(a?.adjustedBrier, 0.1975); // (0.29 + 0.5) / 4
    closeTo(a?.sumHit, 1.5); // 1 + 0.5 for p = 0.5
    assert.equal(a?.peerCount, 1);
  });

  it("rescore both claims of a merge: the moved forecasts now count on the target", () => {
    const { db, claim } = twoForecasters();
    const dan = addPerson(db, "dan");
    const from = addClaim(db);
    addForecast(db, { claimId: from, personId: dan, probability: 0.9, madeDay: 2 });
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    write(db, [from, claim], () => mergeClaimInto(db, from, claim));
    closeTo(person(db, dan)?.sumBrier, 0.01);
    assert.deepEqual(diffStoredScores(db), [], "n = 3 now: ann's and bob's peer scores changed too");
  });

  it("refuse to run outside the caller's transaction", () => {
    const { db, claim } = twoForecasters();
    assert.throws(() => rescoreClaims(db, [claim]), /inside the write's transaction/);
  });

  it("keep the copied handle when a person is renamed", () => {
    const { db, ann, claim } = twoForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    db.prepare("UPDATE people SET handle = 'ann2' WHERE id = ?").run(ann);
    assert.equal(person(db, ann)?.handle, "ann2");
  });
});

describe("claim_scores kept by rescoreClaims", () => {
  /** ann 80 %, bob 60 %, carl 30 % on one claim (docs/scoring.md's worked example). */
  function threeForecasters() {
    const db = emptyDb();
    const claim = addClaim(db);
    [0.8, 0.6, 0.3].forEach((probability, i) =>
      addForecast(db, { claimId: claim, personId: addPerson(db, `p${i}`), probability, madeDay: i }),
    );
    return { db, claim };
  }
  const row = (db: Db, claim: number) => claimScoresOf(db, [claim])[0];

  it("store the crowd of a YES claim: median 0.6, Brier (0.6 − 1)² = 0.16", () => {
    const { db, claim } = threeForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    const c = row(db, claim);
    assert.equal(c?.verdict, "YES");
    assert.equal(c?.knownAt, "2020-01-11T00:00:00.000Z");
    assert.equal(c?.counted, 3);
    closeTo(c?.crowdMedian, 0.6);
    closeTo(c?.crowdBrier, 0.16);
  });

  it("follow a re-resolution to NO (Brier 0.36), and an even count takes the mean of the middle two", () => {
    const { db, claim } = threeForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    write(db, [claim], () => resolve(db, claim, "NO", 10));
    closeTo(row(db, claim)?.crowdBrier, 0.36); // (0.6 − 0)²
    addForecast(db, { claimId: claim, personId: addPerson(db, "dan"), probability: 0.9, madeDay: 3 });
    write(db, [claim], () => {});
    const c = row(db, claim);
    assert.equal(c?.counted, 4);
    closeTo(c?.crowdMedian, 0.7); // (0.6 + 0.8) / 2
    closeTo(c?.crowdBrier, 0.49);
  });

  it("keep an annulled claim's row without a crowd, and no row for an unresolved claim", () => {
    const { db, claim } = threeForecasters();
    const open = addClaim(db);
    write(db, [claim, open], () => resolve(db, claim, "ANNULLED", 10));
    assert.deepEqual(row(db, claim), {
      claimId: claim,
      verdict: "ANNULLED",
      knownAt: "2020-01-11T00:00:00.000Z",
      counted: 0,
      crowdMedian: null,
      crowdBrier: null,
    });
    assert.equal(row(db, open), undefined);
  });

  it("have no crowd when every forecast came after the fact", () => {
    const { db, claim } = threeForecasters();
    write(db, [claim], () => resolve(db, claim, "YES", 0));
    assert.equal(row(db, claim)?.counted, 0);
    assert.equal(row(db, claim)?.crowdBrier, null);
  });

  it("empty the crowd of a claim whose forecasts were merged into another", () => {
    const { db, claim } = threeForecasters();
    const target = addClaim(db);
    write(db, [claim], () => resolve(db, claim, "YES", 10));
    write(db, [claim, target], () => mergeClaimInto(db, claim, target));
    assert.equal(row(db, claim)?.counted, 0);
    assert.equal(row(db, claim)?.crowdMedian, null);
    assert.equal(row(db, target), undefined, "the target is unresolved");
    assert.deepEqual(diffStoredScores(db), []);
  });
});

describe("diffStoredScores and the rebuild", () => {
  function resolvedWithoutStoredScores() {
    const { db, claim } = twoForecasters();
    resolve(db, claim, "YES", 10); // written as a service that does not rescore yet would
    return db;
  }

  it("lists what is missing, wrong or extra", () => {
    const db = resolvedWithoutStoredScores();
    assert.equal(
      diffStoredScores(db).length,
      7,
      "2 forecast rows, 2 people, the claim and its 2 calibration buckets missing",
    );
    db.transaction(() => rebuildAllScores(db))();
    assert.deepEqual(diffStoredScores(db), []);
    db.prepare("UPDATE forecast_scores SET brier = brier + 1e-9 WHERE forecast_id = 1").run();
    db.prepare("UPDATE person_scores SET adjusted_brier = 0.5 WHERE person_id = 2").run();
    db.prepare("UPDATE claim_scores SET crowd_brier = 0.2").run();
    assert.deepEqual(
      diffStoredScores(db).map((d) => [d.table, d.id, d.field]),
      [
        ["forecast_scores", 1, "brier"],
        ["person_scores", 2, "adjustedBrier"],
        ["claim_scores", 1, "crowdBrier"],
      ],
    );
  });

  it("ensureScoresStored fills empty tables once, then leaves them to the writes", () => {
    const db = resolvedWithoutStoredScores();
    assert.equal(ensureScoresStored(db), true);
    assert.deepEqual(diffStoredScores(db), []);
    assert.equal(ensureScoresStored(db), false);
  });

  it("ensureScoresStored does nothing when no claim is resolved", () => {
    const { db } = twoForecasters();
    assert.equal(ensureScoresStored(db), false);
  });
});
