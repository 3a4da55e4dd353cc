// Every expected number here is worked out by hand from DESIGN.md "Scoring" and written as a
// literal, so a change in the formulas shows up as a failing line rather than a moved baseline.
import assert from "node:assert/strict";
import {
  ADJUSTMENT_K,
  SORT_KEYS,
  adjustedBrier,
  brier,
  calibration,
  calibrationFromCounts,
  countedForecasts,
  hit,
  isAfterTheFact,
  logScore,
  median,
  outcomeOf,
  peerScores,
  rankLeaderboard,
  scoreAll,
  scoreClaim,
  scorePerson,
  type Outcome,
  type RankedRow,
  type ScoredForecast,
  type SortKey,
} from "../../server/domain/scoring";
import type { ForecastInput, ResolutionInput, Verdict } from "../../server/domain/types";

const EXACT = 1e-9;

function closeTo(actual: number | null | undefined, expected: number, tolerance = EXACT): void {
  assert.ok(
    typeof actual === "number" && Math.abs(actual - expected) <= tolerance,
    `expected ${String(actual)} to be within ${tolerance} of ${expected}`,
  );
}

function forecast(id: number, personId: number, probability: number, madeAt: string, claimId = 1): ForecastInput {
  return { id, claimId, personId, probability, madeAt };
}

function resolution(verdict: Verdict, knownAt = T, claimId = 1): ResolutionInput {
  return { claimId, verdict, knownAt };
}

function scoredAt(probability: number, outcome: Outcome, personId = 1): ScoredForecast {
  return {
    forecastId: 1,
    claimId: 1,
    personId,
    probability,
    madeAt: "2017-01-01T00:00:00.000Z",
    knownAt: T,
    outcome,
    brier: brier(probability, outcome),
    logScore: logScore(probability, outcome),
    hit: hit(probability, outcome),
    peerScore: null,
    leadMs: 0,
  };
}

function row(handle: string, fields: Partial<RankedRow> = {}): RankedRow {
  return {
    personId: 1,
    handle,
    resolved: 1,
    brier: 0.2,
    adjustedBrier: 0.2,
    logScore: -0.5,
    accuracy: 0.5,
    peerScore: null,
    medianLeadMs: null,
    calibration: [],
    ...fields,
  };
}

const handles = (rows: readonly RankedRow[]) => rows.map((r) => r.handle);
const ids = (forecasts: readonly { id: number }[]) => forecasts.map((f) => f.id);

const T = "2018-01-01T00:00:00.000Z";
const DAY_BEFORE_T = "2017-12-31T00:00:00.000Z";
const MONTH_BEFORE_T = "2017-12-01T00:00:00.000Z";
const DAY_AFTER_T = "2018-01-02T00:00:00.000Z";
const DAY_MS = 86_400_000;

describe("scoring", () => {
  describe("outcomeOf", () => {
    const cases: [Verdict, Outcome | null][] = [
      ["YES", 1],
      ["NO", 0],
      ["ANNULLED", null],
    ];
    for (const [verdict, expected] of cases) {
      it(`${verdict} -> ${String(expected)}`, () => assert.equal(outcomeOf(verdict), expected));
    }
  });

  describe("per-forecast scores (brier, log, hit)", () => {
    // p, o, Brier (p-o)^2, log = ln(p) or ln(1-p), hit
    const cases: [number, Outcome, number, number, 0 | 0.5 | 1][] = [
      [0.8, 1, 0.04, -0.2231435513142097, 1], // ln 0.8
      [0.8, 0, 0.64, -1.6094379124341003, 0], // ln 0.2
      [0.3, 0, 0.09, -0.35667494393873245, 1], // ln 0.7
      [0.3, 1, 0.49, -1.2039728043259361, 0], // ln 0.3
      [0.5, 1, 0.25, -0.6931471805599453, 0.5], // ln 0.5
      [0.5, 0, 0.25, -0.6931471805599453, 0.5],
      [0.99, 1, 0.0001, -0.01005033585350145, 1], // ln 0.99
      [0.01, 1, 0.9801, -4.605170185988091, 0], // ln 0.01
    ];
    for (const [p, o, b, l, h] of cases) {
      it(`p=${p}, o=${o} -> Brier ${b}, log ${l}, hit ${h}`, () => {
        closeTo(brier(p, o), b);
        closeTo(logScore(p, o), l);
        assert.equal(hit(p, o), h);
      });
    }

    it("p = 0.5 counts half a hit whatever the outcome", () => {
      assert.equal(hit(0.5, 1), 0.5);
      assert.equal(hit(0.5, 0), 0.5);
    });

    it("refuses a probability outside 0..1 instead of clamping it", () => {
      assert.throws(() => brier(1.2, 1), RangeError);
      assert.throws(() => logScore(-0.1, 0), RangeError);
      assert.throws(() => hit(Number.NaN, 1), RangeError);
    });
  });

  describe("median", () => {
    const cases: [string, number[], number | null][] = [
      ["odd count -> the middle value", [0.3, 0.8, 0.6], 0.6],
      ["even count -> mean of the middle two", [0.8, 0.2, 0.6, 0.3], 0.45],
      ["single value -> itself", [7], 7],
      ["empty -> null", [], null],
    ];
    for (const [name, values, expected] of cases) {
      it(name, () => {
        const result = median(values);
        if (expected === null) assert.equal(result, null);
        else closeTo(result, expected);
      });
    }

    it("sorts numerically and leaves its input alone", () => {
      const values = [10, 9, 100];
      assert.equal(median(values), 10);
      assert.deepEqual(values, [10, 9, 100]);
    });
  });

  describe("countedForecasts", () => {
    it("a forecast made at known-at or after is not counted but listed as after the fact", () => {
      const before = forecast(1, 1, 0.6, DAY_BEFORE_T);
      const atT = forecast(2, 1, 0.9, T);
      const after = forecast(3, 2, 0.95, DAY_AFTER_T);
      const { counted, afterTheFact } = countedForecasts([after, atT, before], T);
      assert.deepEqual(ids(counted), [1]);
      assert.deepEqual(ids(afterTheFact), [2, 3]);
    });

    it("only the latest forecast before known-at counts; the earlier one is superseded", () => {
      const early = forecast(1, 1, 0.3, MONTH_BEFORE_T);
      const late = forecast(2, 1, 0.7, DAY_BEFORE_T);
      const { counted, afterTheFact } = countedForecasts([late, early], T);
      assert.deepEqual(ids(counted), [2]);
      assert.deepEqual(afterTheFact, []);
    });

    it("two forecasts at the same instant: the higher id is the later one", () => {
      const { counted } = countedForecasts([forecast(7, 1, 0.7, DAY_BEFORE_T), forecast(5, 1, 0.2, DAY_BEFORE_T)], T);
      assert.deepEqual(ids(counted), [7]);
    });

    it("compares times as instants, not as strings", () => {
      // Known-at 2018-01-01 00:00+01:00 is 2017-12-31 23:00 UTC: the 23:30 UTC forecast sorts
      // before it as a string but was made half an hour after it.
      const knownAt = "2018-01-01T00:00:00.000+01:00";
      const late = forecast(1, 1, 0.9, "2017-12-31T23:30:00.000Z");
      const early = forecast(2, 2, 0.6, "2017-12-31T22:30:00.000Z");
      const { counted, afterTheFact } = countedForecasts([late, early], knownAt);
      assert.deepEqual(ids(counted), [2]);
      assert.deepEqual(ids(afterTheFact), [1]);
    });

    it("keeps one counted forecast per person", () => {
      const list = [
        forecast(1, 2, 0.4, MONTH_BEFORE_T),
        forecast(2, 1, 0.6, MONTH_BEFORE_T),
        forecast(3, 2, 0.5, DAY_BEFORE_T),
      ];
      assert.deepEqual(ids(countedForecasts(list, T).counted), [2, 3]);
    });

    it("refuses an unreadable time", () => {
      assert.throws(() => countedForecasts([forecast(1, 1, 0.5, "yesterday")], T), RangeError);
    });
  });

  describe("isAfterTheFact", () => {
    it("is true at and after known-at, false strictly before, comparing instants not strings", () => {
      assert.equal(isAfterTheFact("2019-04-30T23:59:59.999Z", "2019-05-01T00:00:00.000Z"), false);
      assert.equal(isAfterTheFact("2019-05-01T00:00:00.000Z", "2019-05-01T00:00:00.000Z"), true);
      assert.equal(isAfterTheFact("2019-05-02T00:00:00.000Z", "2019-05-01T00:00:00.000Z"), true);
      // 01:00 at +02:00 is 23:00 UTC the day before: before known-at, although its text sorts after.
      assert.equal(isAfterTheFact("2019-05-01T01:00:00+02:00", "2019-05-01T00:00:00.000Z"), false);
    });
  });

  describe("peerScores", () => {
    // l = ln 0.8, ln 0.6, ln 0.3; n = 3 so each peer = 100 * 1/2 * Σ (l_i - l_j):
    // peer_1 = 50 * (ln(0.8/0.6) + ln(0.8/0.3)) = 50 * ln(32/9) = 50 * 1.2685113254635 = 63.425566273175
    // peer_2 = 50 * (ln(0.6/0.8) + ln(0.6/0.3)) = 50 * ln(1.5)   = 50 * 0.4054651081082 = 20.273255405408
    // peer_3 = 50 * (ln(0.3/0.8) + ln(0.3/0.6)) = 50 * ln(3/16)  = -83.698821678584
    const threeForecasters = new Map([
      [1, -0.2231435513142097],
      [2, -0.5108256237659907],
      [3, -1.2039728043259361],
    ]);

    it("hand-computed peer score of the first of three forecasters", () => {
      const peers = peerScores(threeForecasters);
      closeTo(peers.get(1), 63.425566273175, 1e-6);
      closeTo(peers.get(2), 20.273255405408, 1e-6);
      closeTo(peers.get(3), -83.698821678584, 1e-6);
    });

    it("the peer scores of a claim with 3+ forecasters sum to zero", () => {
      const peers = peerScores(threeForecasters);
      assert.equal(peers.size, 3);
      closeTo(
        [...peers.values()].reduce((a, b) => a + b, 0),
        0,
      );
      const five = peerScores(
        new Map([
          [1, -0.1],
          [2, -0.7],
          [3, -2.3],
          [4, -0.05],
          [5, -1],
        ]),
      );
      closeTo(
        [...five.values()].reduce((a, b) => a + b, 0),
        0,
      );
    });

    it("two forecasters: ±100 * (l_1 - l_2) = ±100 * ln(4/3) = ±28.768207245178", () => {
      const peers = peerScores(
        new Map([
          [1, -0.2231435513142097],
          [2, -0.5108256237659907],
        ]),
      );
      closeTo(peers.get(1), 28.768207245178, 1e-6);
      closeTo(peers.get(2), -28.768207245178, 1e-6);
    });

    it("fewer than two forecasters -> no peer scores", () => {
      assert.equal(peerScores(new Map([[1, -0.2]])).size, 0);
      assert.equal(peerScores(new Map()).size, 0);
    });
  });

  describe("scoreClaim", () => {
    it("scores each counted forecast: Brier, log, hit, peer and lead time", () => {
      const claim = scoreClaim(
        [forecast(1, 1, 0.8, DAY_BEFORE_T), forecast(2, 2, 0.3, MONTH_BEFORE_T)],
        resolution("NO"),
      );
      const [first, second] = claim.counted;
      // o = 0: person 1 p=0.8 -> Brier 0.64, ln 0.2; person 2 p=0.3 -> Brier 0.09, ln 0.7.
      // Peer of person 1 = 100 * (ln 0.2 - ln 0.7) = 100 * ln(2/7) = -125.276296849537.
      assert.ok(first && second);
      assert.equal(first.outcome, 0);
      closeTo(first.brier, 0.64);
      closeTo(first.logScore, -1.6094379124341003);
      assert.equal(first.hit, 0);
      closeTo(first.peerScore, -125.276296849537, 1e-6);
      closeTo(second.brier, 0.09);
      assert.equal(second.hit, 1);
      closeTo(second.peerScore, 125.276296849537, 1e-6);
      assert.equal(first.leadMs, DAY_MS);
      assert.equal(second.leadMs, 31 * DAY_MS);
      assert.equal(first.knownAt, T);
    });

    it("crowd median and crowd Brier of a claim (odd number of forecasters)", () => {
      // p = 0.8, 0.6, 0.3 -> median 0.6; YES -> crowd Brier (0.6 - 1)^2 = 0.16.
      const list = [
        forecast(1, 1, 0.8, DAY_BEFORE_T),
        forecast(2, 2, 0.6, DAY_BEFORE_T),
        forecast(3, 3, 0.3, DAY_BEFORE_T),
      ];
      const claim = scoreClaim(list, resolution("YES"));
      closeTo(claim.crowdMedian, 0.6);
      closeTo(claim.crowdBrier, 0.16);
    });

    it("crowd median and crowd Brier of a claim (even number, superseded and late forecasts left out)", () => {
      // Counted p = 0.8, 0.6, 0.3, 0.2 -> median 0.45; NO -> crowd Brier 0.45^2 = 0.2025.
      const list = [
        forecast(1, 1, 0.8, DAY_BEFORE_T),
        forecast(2, 2, 0.6, DAY_BEFORE_T),
        forecast(3, 3, 0.3, DAY_BEFORE_T),
        forecast(4, 4, 0.99, MONTH_BEFORE_T),
        forecast(5, 4, 0.2, DAY_BEFORE_T),
        forecast(6, 5, 0.01, DAY_AFTER_T),
      ];
      const claim = scoreClaim(list, resolution("NO"));
      closeTo(claim.crowdMedian, 0.45);
      closeTo(claim.crowdBrier, 0.2025);
      assert.deepEqual(ids(claim.afterTheFact), [6]);
    });

    it("an annulled claim is not scored, but late forecasts are still listed", () => {
      const list = [forecast(1, 1, 0.8, DAY_BEFORE_T), forecast(2, 2, 0.3, DAY_AFTER_T)];
      const claim = scoreClaim(list, resolution("ANNULLED"));
      assert.deepEqual(claim.counted, []);
      assert.deepEqual(ids(claim.afterTheFact), [2]);
      assert.equal(claim.crowdMedian, null);
      assert.equal(claim.crowdBrier, null);
      assert.equal(claim.verdict, "ANNULLED");
    });

    it("a claim with one forecaster has no peer score", () => {
      const claim = scoreClaim([forecast(1, 1, 0.8, DAY_BEFORE_T)], resolution("YES"));
      assert.equal(claim.counted.length, 1);
      assert.equal(claim.counted[0]?.peerScore, null);
      assert.equal(scorePerson(1, claim.counted)?.peerScore, null);
    });

    it("a claim where everyone was late has no crowd", () => {
      const claim = scoreClaim([forecast(1, 1, 0.8, DAY_AFTER_T)], resolution("YES"));
      assert.deepEqual(claim.counted, []);
      assert.equal(claim.crowdMedian, null);
      assert.equal(claim.crowdBrier, null);
    });

    it("ignores forecasts on other claims", () => {
      const list = [forecast(1, 1, 0.8, DAY_BEFORE_T, 1), forecast(2, 2, 0.3, DAY_BEFORE_T, 2)];
      assert.deepEqual(
        scoreClaim(list, resolution("YES", T, 1)).counted.map((s) => s.forecastId),
        [1],
      );
    });
  });

  describe("calibration", () => {
    // p itself decides the bucket (DESIGN.md: [0,0.1), [0.1,0.2), …), guarded only against float
    // noise in p*10; a value just under a boundary stays below it even when it rounds up to it.
    const boundaries: [number, number][] = [
      [0.01, 0],
      [0.09, 0],
      [0.1, 1],
      [0.29, 2],
      [0.3, 3],
      [0.7, 7],
      [0.89, 8],
      [0.9, 9],
      [0.99, 9],
      [0, 0],
      [1, 9], // the last bucket is closed
      [0.7 - 0.4, 3], // 0.29999999999999993: Math.floor(p * 10) would put it in bucket 2
      [0.09996, 0], // 9.996 %: rounds to 10.0 % but is below 10 % (issue 9, finding 12)
      [0.29996, 2],
      [0.69999, 6],
      [0.19999, 1],
      [0.2, 2],
      [0.6, 6], // 0.6 * 10 = 6.000000000000001
      [0.8, 8],
      [0.1 + 0.2, 3], // 0.30000000000000004
    ];
    for (const [p, index] of boundaries) {
      it(`bucket boundary: p=${p} lands in bucket ${index}`, () => {
        const buckets = calibration([scoredAt(p, 1)]);
        assert.deepEqual(
          buckets.map((b) => b.count),
          Array.from({ length: 10 }, (_, i) => (i === index ? 1 : 0)),
        );
      });
    }

    it("ten buckets [0,0.1) ... [0.9,1.0] with count and share of YES", () => {
      const buckets = calibration([scoredAt(0.8, 1), scoredAt(0.8, 0), scoredAt(0.85, 1), scoredAt(0.3, 0)]);
      assert.equal(buckets.length, 10);
      closeTo(buckets[0]?.lower, 0);
      closeTo(buckets[0]?.upper, 0.1);
      closeTo(buckets[9]?.lower, 0.9);
      closeTo(buckets[9]?.upper, 1);
      assert.equal(buckets[8]?.count, 3);
      closeTo(buckets[8]?.yesShare, 2 / 3);
      assert.equal(buckets[3]?.count, 1);
      assert.equal(buckets[3]?.yesShare, 0);
      assert.equal(buckets[5]?.count, 0);
      assert.equal(buckets[5]?.yesShare, null);
      // (0.8 + 0.8 + 0.85) / 3 = 2.45 / 3
      closeTo(buckets[8]?.meanProbability, 0.8166666666666667);
      assert.equal(buckets[5]?.meanProbability, null);
    });

    it("counts summed per probability give the same buckets as the forecasts one by one", () => {
      const one = calibration([scoredAt(0.8, 1), scoredAt(0.8, 0), scoredAt(0.85, 1), scoredAt(0.09996, 0)]);
      const summed = calibrationFromCounts([
        { probability: 0.8, count: 2, yes: 1 },
        { probability: 0.85, count: 1, yes: 1 },
        { probability: 0.09996, count: 1, yes: 0 },
      ]);
      assert.deepEqual(summed, one);
      assert.equal(summed[0]?.count, 1, "9.996 % is in 0–10 %");
      assert.equal(summed[1]?.count, 0);
    });
  });

  describe("adjustedBrier", () => {
    it(`k defaults to ADJUSTMENT_K = 2`, () => assert.equal(ADJUSTMENT_K, 2));

    const cases: [string, number, number, number | undefined, number][] = [
      ["one perfect forecast: (0 + 0.5) / 3", 0, 1, undefined, 0.16666666666666666],
      ["five forecasts of Brier 0.04: (0.2 + 0.5) / 7", 0.2, 5, undefined, 0.1],
      ["nothing resolved: the coin-flip 0.25", 0, 0, undefined, 0.25],
      ["k = 0 is the plain mean", 0.3, 3, 0, 0.1],
      ["k = 4: (0.1 + 1) / 5", 0.1, 1, 4, 0.22],
    ];
    for (const [name, sum, resolved, k, expected] of cases) {
      it(name, () => closeTo(adjustedBrier(sum, resolved, k), expected));
    }
  });

  describe("scorePerson", () => {
    it("means of Brier, log score and hits; adjusted Brier; median lead time", () => {
      // Known-at T; leads 1, 3 and 10 days -> median 3 days = 259 200 000 ms.
      // p = 0.8 YES (0.04, ln 0.8, 1), 0.5 YES (0.25, ln 0.5, 0.5), 0.3 NO (0.09, ln 0.7, 1).
      const list = [
        forecast(1, 1, 0.8, "2017-12-31T00:00:00.000Z", 1),
        forecast(2, 1, 0.5, "2017-12-29T00:00:00.000Z", 2),
        forecast(3, 1, 0.3, "2017-12-22T00:00:00.000Z", 3),
      ];
      const { people } = scoreAll(list, [resolution("YES", T, 1), resolution("YES", T, 2), resolution("NO", T, 3)]);
      const [person] = people;
      assert.ok(person);
      assert.equal(person.resolved, 3);
      closeTo(person.brier, 0.38 / 3); // 0.126666...
      closeTo(person.adjustedBrier, 0.88 / 5); // (0.38 + 0.5) / 5 = 0.176
      closeTo(person.logScore, -0.424321891937629); // (ln 0.8 + ln 0.5 + ln 0.7) / 3 = ln(0.28) / 3 = -1.272965675812887 / 3
      closeTo(person.accuracy, 2.5 / 3);
      assert.equal(person.medianLeadMs, 3 * DAY_MS);
      assert.equal(person.medianLeadMs, 259_200_000);
    });

    it("median lead time with an even number of forecasts is the mean of the middle two", () => {
      const list = [
        forecast(1, 1, 0.8, "2017-12-31T00:00:00.000Z", 1),
        forecast(2, 1, 0.8, "2017-12-28T00:00:00.000Z", 2),
      ];
      const { people } = scoreAll(list, [resolution("YES", T, 1), resolution("YES", T, 2)]);
      assert.equal(people[0]?.medianLeadMs, 2.5 * DAY_MS);
    });

    it("p = 0.5 counts half a hit in accuracy", () => {
      // hits 0.5 and 1 over two forecasts -> 0.75
      assert.equal(scorePerson(1, [scoredAt(0.5, 1), scoredAt(0.8, 1)])?.accuracy, 0.75);
    });

    it("mean peer score skips claims where there is none", () => {
      const list = [
        forecast(1, 1, 0.8, DAY_BEFORE_T, 1), // with person 2: peer 100 * ln(4/3) = 28.768207245178
        forecast(2, 2, 0.6, DAY_BEFORE_T, 1),
        forecast(3, 1, 0.9, DAY_BEFORE_T, 2), // alone: no peer score
      ];
      const { people } = scoreAll(list, [resolution("YES", T, 1), resolution("NO", T, 2)]);
      closeTo(people[0]?.peerScore, 28.768207245178, 1e-6);
    });

    it("no counted forecasts -> null", () => {
      assert.equal(scorePerson(2, [scoredAt(0.8, 1, 1)]), null);
      assert.equal(scorePerson(1, []), null);
    });
  });

  describe("scoreAll", () => {
    it("ignores claims without a resolution and sorts people by id", () => {
      const list = [
        forecast(1, 9, 0.8, DAY_BEFORE_T, 1),
        forecast(2, 3, 0.6, DAY_BEFORE_T, 1),
        forecast(3, 5, 0.7, DAY_BEFORE_T, 2), // claim 2 is unresolved
        forecast(4, 7, 0.7, DAY_BEFORE_T, 3), // claim 3 is annulled
      ];
      const { claims, people } = scoreAll(list, [resolution("YES", T, 1), resolution("ANNULLED", T, 3)]);
      assert.deepEqual(
        [...claims.keys()].sort((x, y) => x - y),
        [1, 3],
      );
      assert.deepEqual(claims.get(3)?.counted, []);
      assert.deepEqual(
        people.map((p) => p.personId),
        [3, 9],
      );
    });

    it("a resolved claim without forecasts is listed with no crowd", () => {
      const { claims, people } = scoreAll([], [resolution("NO", T, 4)]);
      assert.equal(claims.get(4)?.crowdMedian, null);
      assert.deepEqual(people, []);
    });
  });

  describe("rankLeaderboard", () => {
    it("a lucky single call does not beat someone with 5 good calls", () => {
      // Lucky: one p=0.99 YES -> Brier 0.0001, adjusted (0.0001 + 0.5) / 3 = 0.1667.
      // Steady: five p=0.8 YES -> Brier 0.04 each, adjusted (0.2 + 0.5) / 7 = 0.1.
      const list = [forecast(1, 1, 0.99, DAY_BEFORE_T, 1)];
      for (let claimId = 2; claimId <= 6; claimId += 1) list.push(forecast(claimId, 2, 0.8, DAY_BEFORE_T, claimId));
      const resolutions = [1, 2, 3, 4, 5, 6].map((claimId) => resolution("YES", T, claimId));
      const names = new Map([
        [1, "lucky"],
        [2, "steady"],
      ]);
      const rows = scoreAll(list, resolutions).people.map((p) => ({ ...p, handle: names.get(p.personId) ?? "?" }));
      closeTo(rows[0]?.adjustedBrier, 0.1667);
      closeTo(rows[1]?.adjustedBrier, 0.1);
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 1, sort: "adjusted_brier" })), ["steady", "lucky"]);
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 1, sort: "brier" })), ["lucky", "steady"]);
    });

    it("ties by resolved (descending), then handle (case-insensitive)", () => {
      const rows = [row("zed", { resolved: 3 }), row("Bob", { resolved: 5 }), row("alice", { resolved: 5 })];
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 1, sort: "adjusted_brier" })), ["alice", "Bob", "zed"]);
    });

    it("scores that differ only by float rounding are tied", () => {
      // 0.1 + 0.2 = 0.30000000000000004: by raw comparison "few" would win on noise alone.
      const rows = [
        row("few", { adjustedBrier: 0.3, resolved: 2 }),
        row("many", { adjustedBrier: 0.1 + 0.2, resolved: 9 }),
      ];
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 1, sort: "adjusted_brier" })), ["many", "few"]);
    });

    it("min filter keeps rows with resolved >= min", () => {
      const rows = [row("one", { resolved: 1 }), row("two", { resolved: 2 }), row("three", { resolved: 3 })];
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 2, sort: "adjusted_brier" })), ["three", "two"]);
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 4, sort: "adjusted_brier" })), []);
      assert.equal(rankLeaderboard(rows, { min: 1, sort: "adjusted_brier" }).length, 3);
    });

    const a = row("a", { adjustedBrier: 0.2, brier: 0.3, logScore: -0.9, peerScore: null, accuracy: 0.6, resolved: 2 });
    const b = row("b", { adjustedBrier: 0.1, brier: 0.2, logScore: -0.1, peerScore: -5, accuracy: 0.9, resolved: 1 });
    const c = row("c", { adjustedBrier: 0.3, brier: 0.1, logScore: -0.5, peerScore: 12, accuracy: 0.4, resolved: 3 });
    const orders: [SortKey, string[]][] = [
      ["adjusted_brier", ["b", "a", "c"]], // ascending
      ["brier", ["c", "b", "a"]], // ascending
      ["log_score", ["b", "c", "a"]], // descending: 0 is best
      ["peer_score", ["c", "b", "a"]], // descending, no peer score last
      ["accuracy", ["b", "a", "c"]], // descending
      ["resolved", ["c", "a", "b"]], // descending
    ];
    for (const [sort, expected] of orders) {
      it(`sort=${sort} -> ${expected.join(", ")}`, () => {
        assert.deepEqual(handles(rankLeaderboard([a, b, c], { min: 1, sort })), expected);
      });
    }

    it("every sort key has an order", () => {
      assert.deepEqual([...SORT_KEYS].sort(), orders.map(([key]) => key).sort());
    });

    it("does not mutate its input", () => {
      const rows = Object.freeze([row("zed", { adjustedBrier: 0.3 }), row("amy", { adjustedBrier: 0.1 })]);
      assert.deepEqual(handles(rankLeaderboard(rows, { min: 1, sort: "adjusted_brier" })), ["amy", "zed"]);
      assert.deepEqual(handles(rows), ["zed", "amy"]);
    });
  });
});
