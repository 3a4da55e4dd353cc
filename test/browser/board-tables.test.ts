// The score tables on a 390 px phone: every column header (and its "?" help) is either on the screen
// or inside a sideways-scrolling wrapper that a visible hint announces; axe finds no violations.
import assert from "node:assert/strict";
import path from "node:path";
import { inBrowser, PHONE, runAxe, SHOTS } from "../support/browser";
import { demoDb } from "../support/db";

/** Each header cell that ends past the screen's right edge and is not inside a scroller with a visible hint. */
const CUT_OFF = `(() => {
  const width = document.documentElement.clientWidth;
  const visible = (el) => !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
  const cells = [...document.querySelectorAll("table.board th, table.board th a.help")];
  return {
    cells: cells.length,
    cut: cells
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      .filter((el) => {
        const wrap = el.closest(".table-wrap");
        const scrolls = wrap && wrap.scrollWidth > wrap.clientWidth && getComputedStyle(wrap).overflowX === "auto";
        return !(scrolls && visible(wrap.previousElementSibling) && wrap.previousElementSibling.matches(".scroll-hint"));
      })
      .map((el) => el.textContent.trim().replace(/\\s+/g, " ")),
  };
})()`;

describe("score tables on a phone (390 px)", function () {
  this.timeout(60000);
  const site = inBrowser(demoDb());

  for (const [name, url] of Object.entries({ home: "/", leaderboard: "/leaderboard" })) {
    it(`${name} (${url}): no column header or "?" help is cut off without a hint`, async () => {
      const context = await site.browser.newContext({ viewport: PHONE });
      const page = await context.newPage();
      await page.goto(site.url + url);
      const found = await page.evaluate<{ cells: number; cut: string[] }>(CUT_OFF);
      await page.screenshot({ path: path.join(SHOTS, `board-${name}-390.png`), fullPage: true });
      await context.close();
      assert.ok(found.cells >= 4, `${url}: only ${found.cells} header cells found`);
      assert.deepEqual(found.cut, [], `${url}: header cells past the right edge with no scroll hint`);
    });
  }

  it("the home page's table fits the screen outright: every header cell and help link is on it", async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(site.url + "/");
    const edges = await page.evaluate<{ right: number; width: number; text: string }[]>(
      `[...document.querySelectorAll("table.board th, table.board th a.help")].map((el) => ({
        right: el.getBoundingClientRect().right, width: document.documentElement.clientWidth, text: el.textContent.trim() }))`,
    );
    await context.close();
    assert.ok(
      edges.some((e) => e.text.startsWith("Resolved")),
      "the Resolved column is shown",
    );
    for (const e of edges)
      assert.ok(e.right <= e.width + 0.5, `"${e.text}" ends at ${e.right}px on a ${e.width}px screen`);
  });

  it("axe finds no violations on the home page at 390 px", async () => {
    const context = await site.browser.newContext({ viewport: PHONE, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(site.url + "/");
    assert.deepEqual((await runAxe(page, ["wcag2a", "wcag2aa"])).violations, []);
    await context.close();
  });
});
