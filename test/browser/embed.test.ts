// The claim card framed by a news article on another origin, as a reader's browser shows it; and the
// claim page itself refused in the same frame.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { inBrowser, runAxe, SHOTS, sidewaysOverflow } from "../support/browser";
import { demoDb } from "../support/db";
import { demoClaimId } from "../support/demo";

/** A news article on its own origin that frames the given address. */
async function articleFraming(src: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(`<!doctype html><html lang="en"><title>News</title><h1>Our story</h1>
      <iframe src="${src}" title="Forecasts" width="100%" height="220" style="border:0"></iframe></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  // "localhost" and "127.0.0.1" are different origins: the article is not Hindsight's.
  return { url: `http://localhost:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

async function frameText(page: Page): Promise<string> {
  const frame: Frame | undefined = page.frames().find((f) => f !== page.mainFrame());
  if (!frame) return "";
  return frame.evaluate("document.body ? document.body.innerText : ''").then(String, () => "");
}

describe("the claim card framed by another site, in a real browser", function () {
  this.timeout(60000);
  const db = demoDb();
  const claimId = demoClaimId(db, "Microsoft acquires Xiaomi");
  const site = inBrowser(db);

  it("shows the card inside the article, and refuses to show the claim page there", async () => {
    const card = await articleFraming(`${site.url}/claims/${claimId}/embed`);
    const claimPage = await articleFraming(`${site.url}/claims/${claimId}`);
    try {
      const context = await site.browser.newContext({ viewport: { width: 390, height: 600 } });
      const page = await context.newPage();
      await page.goto(card.url, { waitUntil: "load" });
      const shown = await frameText(page);
      assert.match(shown, /Microsoft/);
      assert.match(shown, /Did not happen|Came true|crowd says/);
      await page.screenshot({ path: path.join(SHOTS, "embed-in-article-phone.png") });
      await page.goto(claimPage.url, { waitUntil: "load" });
      assert.doesNotMatch(await frameText(page), /Microsoft/);
      await context.close();
    } finally {
      await card.close();
      await claimPage.close();
    }
  });

  for (const [device, viewport] of Object.entries({
    phone: { width: 390, height: 400 },
    desktop: { width: 1280, height: 400 },
  })) {
    it(`the card has no accessibility violations (axe-core) and fits a ${device}`, async () => {
      // The card's CSP allows no script at all: the test's own (axe) is let in by bypassing it.
      const context = await site.browser.newContext({ viewport, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${site.url}/claims/${claimId}/embed`);
      assert.deepEqual((await runAxe(page)).violations, []);
      const overflow = await sidewaysOverflow(page);
      await page.screenshot({ path: path.join(SHOTS, `embed-${device}.png`), fullPage: true });
      await context.close();
      assert.ok(Number(overflow) <= 0, `the card is ${String(overflow)}px wider than the screen`);
    });
  }
});
