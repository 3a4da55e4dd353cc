// The pages with charts in a real browser: axe-core finds no accessibility violations (with every
// chart's table opened too), nothing scrolls sideways at 390 px, and screenshots are kept to look at.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { inBrowser, runAxe, sidewaysOverflow } from "../support/browser";
import { demoDb } from "../support/db";
import { demoClaimId, personIdByHandle } from "../support/demo";

const SHOTS = process.env.CHART_SHOTS ?? path.join(os.tmpdir(), "hindsight-charts");
async function axeViolations(page: Page): Promise<string[]> {
  const { passes, violations } = await runAxe(page);
  assert.ok(passes > 10, "axe ran its checks");
  return violations;
}

describe("chart pages in a real browser", function () {
  this.timeout(90000);
  const db = demoDb();
  const site = inBrowser(db);
  before(() => fs.mkdirSync(SHOTS, { recursive: true }));

  const pages = {
    person: `/people/${personIdByHandle(db, "xoxoGeorges")}`,
    claim: `/claims/${demoClaimId(db, "Microsoft acquires Xiaomi")}`,
    scores: "/scores",
    calibration: "/calibration?tag=xiaomi",
    home: "/",
    leaderboard: "/leaderboard",
    "open-claims": "/claims?status=open",
  };
  const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };

  for (const [name, url] of Object.entries(pages)) {
    it(`${name}: axe finds no violations, with the charts' tables open too`, async () => {
      // axe is injected as an inline script, which the app's CSP (rightly) refuses to pages.
      const context = await site.browser.newContext({ viewport: viewports.desktop, bypassCSP: true });
      const page = await context.newPage();
      assert.equal((await page.goto(site.url + url))?.status(), 200);
      const closed = await axeViolations(page);
      await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })");
      const open = await axeViolations(page);
      await context.close();
      assert.deepEqual([...closed, ...open], []);
    });
  }

  for (const [device, viewport] of Object.entries(viewports)) {
    for (const name of ["person", "claim", "scores", "home"] as const) {
      it(`${name} on a ${device}: no sideways scrolling; charts fit their column`, async () => {
        const context = await site.browser.newContext({ viewport, javaScriptEnabled: false });
        const page = await context.newPage();
        await page.goto(site.url + pages[name]);
        const overflow = await sidewaysOverflow(page);
        const tooWide = await page.evaluate(
          "[...document.querySelectorAll('svg.chart-svg')].filter((s) => s.getBoundingClientRect().right > document.documentElement.clientWidth).length",
        );
        await page.screenshot({ path: path.join(SHOTS, `${name}-${viewport.width}.png`), fullPage: true });
        const figures = await page.locator("figure.chart").all();
        for (const [i, figure] of figures.entries()) {
          await figure.screenshot({ path: path.join(SHOTS, `${name}-${viewport.width}-chart${i + 1}.png`) });
        }
        await context.close();
        assert.ok(Number(overflow) <= 0, `page is ${String(overflow)}px wider than the screen`);
        assert.equal(tooWide, 0, "a chart sticks out of the screen");
      });
    }
  }
});
