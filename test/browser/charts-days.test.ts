// A claim page's chart over one or two days, in a real browser: a day's label is drawn inside its day
// (between its midnight mark and the next), inside the chart, and a forecast made that day sits in that
// band, whether it was made at 18:42 or is dated only (00:00). Screenshots are kept to look at.
import assert from "node:assert/strict";
import path from "node:path";
import { inBrowser, PHONE, SHOTS } from "../support/browser";
import { emptyDb } from "../support/db";
import { makeClaim, makeForecast } from "../support/factories";

interface Axis {
  svgRight: number;
  dots: number[];
  marks: number[];
  labels: { text: string; x: number; left: number; right: number }[];
}

describe("a claim page's chart over a day or two in a real browser", function () {
  this.timeout(90000);
  const db = emptyDb();
  const claimWith = (...madeAt: string[]) => {
    const claimId = makeClaim(db);
    for (const at of madeAt) makeForecast(db, { claimId, madeAt: at });
    return claimId;
  };
  const evening = claimWith("2026-12-01T18:42:00.000Z", "2026-12-01T18:42:20.000Z");
  const dated = claimWith("2026-12-01T00:00:00.000Z");
  const twoDays = claimWith("2026-12-01T18:42:00.000Z", "2026-12-02T09:00:00.000Z");
  const site = inBrowser(db);

  /** The crowd chart's dots, x-axis marks and labels (user units; the labels' ends in screen px). */
  async function axisOf(claimId: number, width: number, shot: string): Promise<Axis> {
    const context = await site.browser.newContext({ viewport: { ...PHONE, width } });
    const page = await context.newPage();
    assert.equal((await page.goto(`${site.url}/claims/${claimId}`))?.status(), 200);
    const svg = page.locator("figure.chart svg.chart-svg").first();
    await page
      .locator("figure.chart")
      .first()
      .screenshot({ path: path.join(SHOTS, `${shot}-${width}.png`) });
    const axis = await svg.evaluate((el): Axis => {
      const num = (e: Element, a: string) => Number(e.getAttribute(a));
      return {
        svgRight: el.getBoundingClientRect().right,
        dots: [...el.querySelectorAll(".crowd-dot")].map((d) => num(d, "cx")),
        marks: [...el.querySelectorAll(".axis-x line")].slice(1).map((l) => num(l, "x1")),
        labels: [...el.querySelectorAll(".axis-x text:not(.axis-label)")].map((t) => {
          const box = t.getBoundingClientRect();
          return { text: t.textContent ?? "", x: num(t, "x"), left: box.left, right: box.right };
        }),
      };
    });
    await context.close();
    return axis;
  }

  for (const width of [390, 1280]) {
    it(`at ${width} px: forecasts at 18:42 on 1 Dec read 1 Dec, with no mark at the next midnight`, async () => {
      const axis = await axisOf(evening, width, "chart-day-evening");
      assert.deepEqual(
        axis.labels.map((l) => l.text),
        ["1 Dec"],
      );
      assert.deepEqual(axis.marks, []); // 1 Dec's midnight is before the chart's start
      assert.ok((axis.labels[0]?.right ?? Infinity) <= axis.svgRight, "the label is inside the chart");
    });

    it(`at ${width} px: a forecast dated 1 Dec (00:00) sits on 1 Dec's mark, the label right of it`, async () => {
      const axis = await axisOf(dated, width, "chart-day-dated");
      assert.deepEqual(
        axis.labels.map((l) => l.text),
        ["1 Dec"],
      );
      assert.deepEqual(axis.marks, axis.dots);
      assert.ok((axis.labels[0]?.x ?? 0) > (axis.dots[0] ?? Infinity), "the label is right of the forecast");
      assert.ok((axis.labels[0]?.right ?? Infinity) <= axis.svgRight, "the label is inside the chart");
    });

    it(`at ${width} px: an evening and the next morning: each forecast in its labelled day`, async () => {
      const axis = await axisOf(twoDays, width, "chart-day-two");
      assert.deepEqual(
        axis.labels.map((l) => l.text),
        ["1 Dec", "2 Dec"],
      );
      const [mark] = axis.marks; // 2 Dec's midnight
      const [evening18, morning] = axis.dots;
      assert.equal(axis.marks.length, 1);
      assert.ok(mark !== undefined && evening18 !== undefined && morning !== undefined);
      assert.ok(evening18 < mark && (axis.labels[0]?.x ?? Infinity) < mark, "1 Dec's forecast and label left of 2 Dec");
      assert.ok(morning > mark && (axis.labels[1]?.x ?? 0) > mark, "2 Dec's forecast and label right of its mark");
      assert.ok((axis.labels[0]?.right ?? Infinity) < (axis.labels[1]?.left ?? 0), "the labels do not overlap");
    });
  }
});
