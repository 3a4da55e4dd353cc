import assert from "node:assert/strict";
import path from "node:path";
import { inBrowser, SHOTS, sidewaysOverflow } from "../support/browser";
import { demoDb } from "../support/db";
import { demoClaimId, demoEventId, demoSourceId, personIdByHandle } from "../support/demo";

describe("pages in a real browser", function () {
  this.timeout(60000);
  const db = demoDb();
  const site = inBrowser(db);

  const viewports = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 900 } };
  const pages = {
    home: "/",
    leaderboard: "/leaderboard",
    claim: `/claims/${demoClaimId(db, "Microsoft acquires Xiaomi")}`,
    source: `/sources/${demoSourceId(db, "CEOs meet up in China")}`,
    person: `/people/${personIdByHandle(db, "FerneyZan")}`,
    event: `/events/${demoEventId(db, "strategic framework MoU")}`,
  };

  for (const [device, viewport] of Object.entries(viewports)) {
    for (const [name, url] of Object.entries(pages)) {
      it(`${name} reads on a ${device}: no sideways scrolling, no script needed`, async () => {
        const context = await site.browser.newContext({ viewport, javaScriptEnabled: false });
        const page = await context.newPage();
        const res = await page.goto(site.url + url);
        assert.equal(res?.status(), 200);
        const overflow = await sidewaysOverflow(page).catch(() => 0);
        await page.screenshot({ path: path.join(SHOTS, `${name}-${device}.png`), fullPage: true });
        await context.close();
        assert.ok(Number(overflow) <= 0, `page is ${String(overflow)}px wider than the screen`);
      });
    }
  }

  it("sorting the leaderboard by clicking a column header works without JavaScript", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // Everyone (min=1): the demo's best peer score is a single call (decision 0004).
    await page.goto(`${site.url}/leaderboard?min=1`);
    await page.click("th >> text=Peer");
    assert.match(page.url(), /sort=peer_score/);
    const first = await page.textContent("table.board tbody tr:first-child td:nth-child(2)");
    assert.match(first ?? "", /Liveitup/);
    await context.close();
  });
});
