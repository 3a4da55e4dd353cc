// Chart geometry and series against values worked out by hand.
import assert from "node:assert/strict";
import { DateTime } from "luxon";
import { crowdMedianSteps, currentCrowd, runningMeanBrier, sampleEvenly } from "../../server/domain/chart-series";
import {
  brierChart,
  calibrationChart,
  crowdChart,
  frame,
  linearScale,
  paddedRange,
  stepPath,
  timeTicks,
  valueTicks,
} from "../../server/domain/charts";
import { calibration, type ScoredForecast } from "../../server/domain/scoring";

const ms = (iso: string) => DateTime.fromISO(iso, { zone: "utc" }).toMillis();
const DAY = 86_400_000;

describe("chart scales and ticks", () => {
  it("linearScale maps the domain onto the range, reversed ranges too", () => {
    const x = linearScale(0, 1, 50, 350);
    assert.equal(x(0), 50);
    assert.equal(x(0.5), 200);
    assert.equal(x(1), 350);
    const y = linearScale(0, 1, 300, 20); // up is smaller y in SVG
    assert.equal(y(0.25), 230);
  });

  it("a domain of one point maps to the middle of the range", () => {
    assert.equal(linearScale(5, 5, 0, 100)(5), 50);
  });

  it("value ticks every step from 0 to max", () => {
    const y = linearScale(0, 0.5, 220, 20);
    assert.deepEqual(
      valueTicks(y, 0.5, 0.1, (v) => v.toFixed(2)),
      [
        { at: 220, label: "0.00" },
        { at: 180, label: "0.10" },
        { at: 140, label: "0.20" },
        { at: 100, label: "0.30" },
        { at: 60, label: "0.40" },
        { at: 20, label: "0.50" },
      ],
    );
  });

  it("time ticks are whole years over six years, whole months over four months", () => {
    const x = linearScale(ms("2014-06-01"), ms("2020-06-01"), 0, 600);
    assert.deepEqual(
      timeTicks(ms("2014-06-01"), ms("2020-06-01"), 6, x).map((t) => t.label),
      ["2015", "2016", "2017", "2018", "2019", "2020"],
    );
    const months = timeTicks(ms("2016-01-15"), ms("2016-05-10"), 6, x).map((t) => t.label);
    assert.deepEqual(months, ["Feb 2016", "Mar 2016", "Apr 2016", "May 2016"]);
  });

  it("a tick sits where the scale puts its date: one unit per day from 1 Jan 2015 (2016 is a leap year)", () => {
    const x = linearScale(ms("2015-01-01"), ms("2017-01-01"), 0, 731);
    // Two years allow half-years within six ticks: 1 Jul 2015 is day 181, 1 Jan 2016 day 365, 1 Jul 2016 day 547
    assert.deepEqual(timeTicks(ms("2015-01-01"), ms("2017-01-01"), 6, x), [
      { at: 0, label: "Jan 2015" },
      { at: 181, label: "Jul 2015" },
      { at: 365, label: "Jan 2016" },
      { at: 547, label: "Jul 2016" },
      { at: 731, label: "Jan 2017" },
    ]);
    assert.deepEqual(
      timeTicks(ms("2015-01-01"), ms("2017-01-01"), 3, x).map((t) => t.label),
      ["2015", "2016", "2017"],
    );
  });

  describe("day ticks name the day the forecasts were made (UTC), at that day's noon", () => {
    /** The ticks of a chart of forecasts made at these moments, on a scale of 10 units an hour. */
    const ticksOf = (...isos: string[]) => {
      const times = isos.map(ms);
      const [d0, d1] = paddedRange(Math.min(...times), Math.max(...times));
      return timeTicks(d0, d1, 5, linearScale(d0, d1, 0, ((d1 - d0) / 3_600_000) * 10));
    };

    it("one forecast at 18:42 UTC on 1 Dec: one tick, 1 Dec, 6 h 42 min left of it", () => {
      // The range runs 06:42 1 Dec – 06:42 2 Dec; noon of 1 Dec is 5 h 18 min in (53 units), the point at 120.
      // Before the fix the one tick was midnight, labelled "2 Dec".
      assert.deepEqual(ticksOf("2026-12-01T18:42:00Z"), [{ at: 53, label: "1 Dec" }]);
    });

    it("late in the day (23:59 UTC) and just after midnight (00:01 UTC) still name their own day", () => {
      // 11:59 1 Dec – 11:59 2 Dec: noon of 1 Dec is 1 min in; noon of 2 Dec is past the end.
      assert.deepEqual(ticksOf("2026-12-01T23:59:00Z"), [{ at: 0.2, label: "1 Dec" }]);
      // 12:01 30 Nov – 12:01 1 Dec: noon of 30 Nov is before the start; noon of 1 Dec is 23 h 59 min in.
      assert.deepEqual(ticksOf("2026-12-01T00:01:00Z"), [{ at: 239.8, label: "1 Dec" }]);
    });

    it("forecasts from 00:05 to 23:55 of one day: one tick, that day", () => {
      assert.deepEqual(
        ticksOf("2026-12-01T00:05:00Z", "2026-12-01T18:42:00Z", "2026-12-01T23:55:00Z").map((t) => t.label),
        ["1 Dec"],
      );
    });

    it("an evening and the next morning: both days, each at its noon", () => {
      // 06:42 1 Dec – 21:00 2 Dec (14 h 18 min of forecasts, 12 h each side): noons at 53 and 293 units.
      assert.deepEqual(ticksOf("2026-12-01T18:42:00Z", "2026-12-02T09:00:00Z"), [
        { at: 53, label: "1 Dec" },
        { at: 293, label: "2 Dec" },
      ]);
    });

    it("weeks are labelled by their Monday, at its noon", () => {
      const x = linearScale(ms("2026-11-02"), ms("2026-11-23"), 0, 21 * 24);
      assert.deepEqual(timeTicks(ms("2026-11-02"), ms("2026-11-23"), 5, x), [
        { at: 12, label: "2 Nov" },
        { at: 180, label: "9 Nov" },
        { at: 348, label: "16 Nov" },
      ]);
    });

    it("the claim page's chart of two forecasts made at 18:42 UTC on 1 Dec reads 1 Dec", () => {
      const at = ms("2026-12-01T18:42:00Z");
      const chart = crowdChart({
        forecasts: [
          { probability: 0.5, ms: at },
          { probability: 0.15, ms: at + 20_000 },
        ],
        forecastTotal: 2,
        steps: [{ ms: at, median: 0.5, people: 1 }],
        stepTotal: 1,
        knownAtMs: null,
      });
      assert.deepEqual(
        chart?.axes.xTicks.map((t) => t.label),
        ["1 Dec"],
      );
    });
  });

  it("a lone moment gets half a day of room each side; a range 4 % of its width", () => {
    assert.deepEqual(paddedRange(1000, 1000), [1000 - DAY / 2, 1000 + DAY / 2]);
    assert.deepEqual(paddedRange(0, 100 * DAY), [-4 * DAY, 104 * DAY]);
  });

  it("a step path holds each value until the next step, the last until the end", () => {
    assert.equal(
      stepPath(
        [
          { x: 10, y: 100 },
          { x: 20, y: 50 },
          { x: 35.26, y: 75 },
        ],
        40,
      ),
      "M10 100 H20 V50 H35.3 V75 H40",
    );
    assert.equal(stepPath([], 40), "");
  });
});

describe("chart series", () => {
  const f = (id: number, personId: number, probability: number, at: number) => ({ id, personId, probability, ms: at });

  it("the crowd median follows each person's latest forecast", () => {
    // A 0.2 → median 0.2; B 0.6 → median (0.2+0.6)/2 = 0.4; C 0.9 → median 0.6; A changes to 0.8 → {0.6,0.8,0.9} → 0.8
    const steps = crowdMedianSteps([f(1, 1, 0.2, 10), f(2, 2, 0.6, 20), f(3, 3, 0.9, 30), f(4, 1, 0.8, 40)], null);
    assert.deepEqual(steps, [
      { ms: 10, median: 0.2, people: 1 },
      { ms: 20, median: 0.4, people: 2 },
      { ms: 30, median: 0.6, people: 3 },
      { ms: 40, median: 0.8, people: 3 },
    ]);
  });

  it("forecasts at or after known-at are left out of the line; forecasts at one instant are one step", () => {
    const steps = crowdMedianSteps([f(1, 1, 0.3, 10), f(2, 2, 0.5, 10), f(3, 3, 0.9, 50)], 50);
    assert.deepEqual(steps, [{ ms: 10, median: 0.4, people: 2 }]);
  });

  it("the median of many forecasts equals a sort's median at every step", () => {
    const list = Array.from({ length: 300 }, (_, i) => f(i, i % 37, ((i * 53) % 97) / 100 + 0.01, i));
    const steps = crowdMedianSteps(list, null);
    const latest = new Map<number, number>();
    list.forEach((x, i) => {
      latest.set(x.personId, x.probability);
      const sorted = [...latest.values()].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const want = sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
      assert.equal(steps[i]?.median, want, `step ${i}`);
    });
  });

  it("the current crowd of an open claim is the median of latest forecasts", () => {
    assert.deepEqual(
      currentCrowd([
        { personId: 1, probability: 0.9 },
        { personId: 2, probability: 0.5 },
        { personId: 1, probability: 0.1 },
      ]),
      { median: 0.3, people: 2 },
    );
    assert.equal(currentCrowd([]), null);
  });

  it("running mean Brier: one step per known-at date", () => {
    // 0.04 → 0.04; 0.36 and 0.16 on one date → (0.04+0.36+0.16)/3 = 0.18666…
    const steps = runningMeanBrier([
      { ms: 1, brier: 0.04 },
      { ms: 2, brier: 0.36 },
      { ms: 2, brier: 0.16 },
    ]);
    assert.equal(steps.length, 2);
    assert.deepEqual(steps[0], { ms: 1, mean: 0.04, resolved: 1 });
    assert.equal(steps[1]?.resolved, 3);
    assert.ok(Math.abs((steps[1]?.mean ?? 0) - 0.56 / 3) < 1e-12);
  });

  it("sampling keeps the first and last and spaces the rest evenly", () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(sampleEvenly(items, 4), [0, 3, 6, 9]);
    assert.deepEqual(sampleEvenly(items, 20), items);
    assert.equal(
      sampleEvenly(
        Array.from({ length: 10_000 }, (_, i) => i),
        400,
      ).length,
      400,
    );
  });
});

describe("chart geometry", () => {
  const scored = (p: number, o: 0 | 1) => ({ probability: p, outcome: o }) as ScoredForecast;

  it("calibration: a point per non-empty bucket at (mean forecast, share true), the diagonal corner to corner", () => {
    const f = frame(300, 300, { left: 50, right: 50, top: 50, bottom: 50 }); // a 200×200 plot
    // 0.7 YES, 0.7 NO → 70–80 %: mean 0.7, half true; 0.8 YES → 80–90 %; 0.1 NO → 10–20 %
    const chart = calibrationChart(calibration([scored(0.7, 1), scored(0.7, 0), scored(0.8, 1), scored(0.1, 0)]), f);
    assert.equal(chart.total, 4);
    assert.deepEqual(chart.diagonal, { x1: 50, y1: 250, x2: 250, y2: 50 });
    // x = 50 + p·200, y = 250 − share·200, r = 3 + 7·√(count / 2)
    assert.deepEqual(
      chart.points.map((p) => [p.bucket.lower, p.cx, p.cy, p.r]),
      [
        [0.1, 70, 250, 7.9], // 3 + 7·√½ = 7.95 → 7.9
        [0.7, 190, 150, 10],
        [0.8, 210, 50, 7.9],
      ],
    );
    // The count is written right of a point, or left of it in the last fifth (so it stays inside)
    assert.deepEqual(chart.points[0]?.label, { x: 80.9, y: 254, anchor: "start" });
    assert.deepEqual(chart.points[2]?.label, { x: 199.1, y: 54, anchor: "end" });
  });

  it("crowd: dots at (time, chance), hollow after known-at, the line ends at known-at", () => {
    const t0 = ms("2015-01-01");
    const t1 = ms("2016-01-01");
    const known = ms("2017-01-01");
    const chart = crowdChart({
      forecasts: [
        { probability: 0.5, ms: t0 },
        { probability: 0.25, ms: t1 },
        { probability: 1, ms: known },
      ],
      forecastTotal: 3,
      steps: [
        { ms: t0, median: 0.5, people: 1 },
        { ms: t1, median: 0.375, people: 2 },
      ],
      stepTotal: 2,
      knownAtMs: known,
    });
    assert.ok(chart);
    assert.equal(chart.points.length, 3);
    assert.deepEqual(
      chart.points.map((p) => p.afterTheFact),
      [false, false, true],
    );
    assert.equal(chart.afterTheFact, 1);
    // y: 0..1 onto 220..14 (TIME_FRAME): 0.5 → 117, 0.25 → 168.5, 0.375 → 142.75
    assert.deepEqual(
      chart.points.map((p) => p.cy),
      [117, 168.5, 14],
    );
    assert.equal(chart.knownAt?.x, chart.points[2]?.cx);
    assert.match(
      chart.line,
      new RegExp(`^M${chart.points[0]?.cx} 117 H${chart.points[1]?.cx} V142.8 H${chart.knownAt?.x}$`),
    );
    assert.equal(crowdChart({ forecasts: [], forecastTotal: 0, steps: [], stepTotal: 0, knownAtMs: null }), null);
  });

  it("Brier: the axis goes to 0.5 unless a mean is above it; the coin-flip line at 0.25", () => {
    const low = brierChart([{ ms: 0, mean: 0.1, resolved: 1 }], 1);
    // 0..0.5 onto 220..14: 0.25 → 117, 0.1 → 220 − 0.2·206 = 178.8
    assert.equal(low?.coinFlipY, 117);
    assert.equal(low?.points[0]?.cy, 178.8);
    assert.equal(low?.axes.yTicks.at(-1)?.label, "0.50");
    const high = brierChart([{ ms: 0, mean: 0.64, resolved: 1 }], 1);
    assert.equal(high?.axes.yTicks.at(-1)?.label, "1.00");
    assert.equal(high?.coinFlipY, 168.5);
    assert.equal(brierChart([], 0), null);
  });
});
