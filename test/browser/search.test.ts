// Search and the filtered claims list as a reader sees them: the header's box, the results page
// and the claims filter, at phone and desktop widths, without script; axe finds no violations.
import assert from "node:assert/strict";
import { inBrowser, runAxe, sidewaysOverflow } from "../support/browser";
import { demoDb } from "../support/db";

describe("search in a real browser", function () {
  this.timeout(60000);
  const site = inBrowser(demoDb());

  for (const [device, viewport] of Object.entries({
    phone: { width: 390, height: 844 },
    desktop: { width: 1280, height: 900 },
  })) {
    it(`the header's search box leads to results with marked words, on a ${device}, without script`, async () => {
      const context = await site.browser.newContext({ viewport, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${site.url}/`);
      await page.getByLabel("Search Hindsight").fill("xiao*");
      await page.getByRole("button", { name: "Search", exact: true }).first().click();
      await page.waitForURL(/\/search\?q=xiao/);
      assert.ok((await page.locator(".search-hit").count()) > 0, "results for xiao*");
      assert.match((await page.locator(".search-hit mark").first().textContent()) ?? "", /^xiao/i);
      const overflow = await sidewaysOverflow(page);
      assert.ok(Number(overflow) <= 0, `the results page is ${String(overflow)}px wider than the screen`);
      await page.goto(`${site.url}/claims?q=xiaomi`);
      const listOverflow = await sidewaysOverflow(page);
      assert.ok(Number(listOverflow) <= 0, `the filtered list is ${String(listOverflow)}px wider than the screen`);
      await context.close();
    });
  }

  it("the results page and the filtered claims list have no accessibility violations", async () => {
    // axe-core is injected as a script: the site's Content-Security-Policy would (rightly) refuse it.
    const context = await site.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (const url of ["/search?q=xiaomi", "/search?q=-", "/claims?tag=xiaomi"]) {
      await page.goto(site.url + url);
      assert.deepEqual((await runAxe(page, ["wcag2a", "wcag2aa"])).violations, [], url);
    }
    await context.close();
  });
});
