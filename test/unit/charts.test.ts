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

  describe("a day's mark is at its midnight (UTC), its label mid-day: each forecast sits inside its day's label", () => {
    /**
     * The ticks of a chart of forecasts made at these moments, on a scale of 10 units an hour from the padded
     * range's start (so 0–240 for a lone forecast), labels kept 20 units inside the plot's ends.
     */
    const ticksOf = (...isos: string[]) => {
      const times = isos.map(ms);
      const [d0, d1] = paddedRange(Math.min(...times), Math.max(...times));
      return timeTicks(d0, d1, 5, linearScale(d0, d1, 0, ((d1 - d0) / 3_600_000) * 10), 20);
    };

    it("one forecast at 18:42 UTC on 1 Dec: the label 1 Dec, no mark (1 Dec's midnight is before the plot)", () => {
      // The range runs 06:42 1 Dec – 06:42 2 Dec (0–240), the point at 120. 1 Dec's midnight is 6 h 42 min
      // before the start (−67: no mark); its noon 5 h 18 min in (53), within 20–153 (the plot's 0 and 1 Dec's
      // end at 173, each less 20). 2 Dec's noon is past the end: no label, and so no mark at its midnight.
      assert.deepEqual(ticksOf("2026-12-01T18:42:00Z"), [{ at: -67, label: "1 Dec", labelAt: 53, noMark: true }]);
    });

    it("one forecast at 00:00 UTC on 1 Dec (a date without a time): the mark on the point, 1 Dec right of it", () => {
      // 12:00 30 Nov – 12:00 1 Dec (0–240): 1 Dec's midnight is the point (120); its noon is the plot's end
      // (240), drawn 20 inside it (220). 30 Nov's noon is the start itself: a range starting at a noon leaves
      // that day out, as midnight belongs to the day it starts.
      assert.deepEqual(ticksOf("2026-12-01T00:00:00Z"), [{ at: 120, label: "1 Dec", labelAt: 220 }]);
    });

    it("late in the day (23:59 UTC) and just after midnight (00:01 UTC) still name their own day", () => {
      // 11:59 1 Dec – 11:59 2 Dec: 1 Dec's midnight 11 h 59 min before the start (−119.83 → −119.8, no mark),
      // its noon 1 min in (0.17), kept 20 inside; 2 Dec's noon is 1 min past the end.
      assert.deepEqual(ticksOf("2026-12-01T23:59:00Z"), [{ at: -119.8, label: "1 Dec", labelAt: 20, noMark: true }]);
      // 12:01 30 Nov – 12:01 1 Dec: 30 Nov's noon is 1 min before the start; 1 Dec's midnight 11 h 59 min in
      // (119.8, the point at 120), its noon at 239.8, kept 20 inside the end (220).
      assert.deepEqual(ticksOf("2026-12-01T00:01:00Z"), [{ at: 119.8, label: "1 Dec", labelAt: 220 }]);
    });

    it("forecasts from 00:05 to 23:55 of one day: one label, that day", () => {
      assert.deepEqual(
        ticksOf("2026-12-01T00:05:00Z", "2026-12-01T18:42:00Z", "2026-12-01T23:55:00Z").map((t) => t.label),
        ["1 Dec"],
      );
    });

    it("an evening and the next morning: 1 Dec and 2 Dec, each label in its day, 2 Dec's mark between them", () => {
      // 06:42 1 Dec – 21:00 2 Dec (14 h 18 min of forecasts, 12 h each side: 0–383). 1 Dec: midnight −67 (no
      // mark), noon 53 (between 20 and 173 − 20). 2 Dec: midnight 173, noon 293 (between 193 and 363).
      // The forecasts sit at 120 (in 1 Dec: −67 to 173) and 263 (in 2 Dec: 173 to 413).
      assert.deepEqual(ticksOf("2026-12-01T18:42:00Z", "2026-12-02T09:00:00Z"), [
        { at: -67, label: "1 Dec", labelAt: 53, noMark: true },
        { at: 173, label: "2 Dec", labelAt: 293 },
      ]);
    });

    it("weeks are labelled by their Monday: the mark at Monday's midnight, the label mid-week", () => {
      // One unit an hour from Monday 2 Nov: weeks start at 0, 168, 336 (and 504, the end, whose middle is past
      // it); their middles, Thursday noon, at 84, 252, 420. 26 Oct's week's middle is before the start.
      const x = linearScale(ms("2026-11-02"), ms("2026-11-23"), 0, 21 * 24);
      assert.deepEqual(timeTicks(ms("2026-11-02"), ms("2026-11-23"), 5, x), [
        { at: 0, label: "2 Nov", labelAt: 84 },
        { at: 168, label: "9 Nov", labelAt: 252 },
        { at: 336, label: "16 Nov", labelAt: 420 },
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

    it("on the claim page a forecast and a known-at at midnight fall on their days' marks, labels right of them", () => {
      // A forecast dated 1 Dec and a known-at dated 2 Dec (both 00:00): the range is 12:00 30 Nov – 12:00 2 Dec,
      // 48 h over the 324-unit plot from 62 (6.75 units an hour). Midnights at 62 + 81 = 143 and 62 + 243 = 305;
      // noons at 224 and 386, the plot's end, kept 22 inside it: 364. 30 Nov's noon is the start: left out.
      const day = ms("2026-12-01T00:00:00Z");
      const chart = crowdChart({
        forecasts: [{ probability: 0.5, ms: day }],
        forecastTotal: 1,
        steps: [{ ms: day, median: 0.5, people: 1 }],
        stepTotal: 1,
        knownAtMs: day + DAY,
      });
      assert.equal(chart?.points[0]?.cx, 143);
      assert.equal(chart?.knownAt?.x, 305);
      assert.deepEqual(chart?.axes.xTicks, [
        { at: 143, label: "1 Dec", labelAt: 224 },
        { at: 305, label: "2 Dec", labelAt: 364 },
      ]);
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
