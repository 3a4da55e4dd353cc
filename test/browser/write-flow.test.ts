import assert from "node:assert/strict";
import path from "node:path";
import { insertClaim } from "../../db/claims";
import { inBrowser, PHONE, serve, SHOTS } from "../support/browser";
import { demoDb } from "../support/db";
import { demoClaimId, demoEventId } from "../support/demo";
import { makeAccount, PASSWORD } from "../support/session";

describe("a reader in a real browser", function () {
  this.timeout(60000);
  const chromium = inBrowser();

  it("signs up, sees a mistake explained beside the field, logs a forecast, and finds it in My forecasts — without JavaScript", async () => {
    const db = demoDb();
    const claimId = insertClaim(db, {
      text: "Xiaomi ships a laptop running Windows on Arm before 2028-01-01",
      details: "",
      resolveBy: "2028-01-01",
      createdAt: "2026-11-01T00:00:00.000Z",
      createdBy: null,
      tags: ["xiaomi"],
    });
    const site = await serve(db);
    const context = await chromium.browser.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
    });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/signup`);
      await page.fill("#f-username", "ada");
      await page.fill("#f-password", PASSWORD);
      await page.fill("#f-confirm", PASSWORD);
      await page.click("form.form button[type=submit]");
      assert.match((await page.textContent(".flash")) ?? "", /Welcome, ada/);

      await page.goto(`${site.url}/claims/${claimId}`);
      await page.fill("#f-probability", "100");
      await page.click("#forecast button[type=submit]");
      assert.match((await page.textContent("#f-probability-err")) ?? "", /between 1 and 99 %/);
      assert.equal(await page.inputValue("#f-probability"), "100", "what the user typed is kept");
      await page.screenshot({ path: path.join(SHOTS, "forecast-error-phone.png"), fullPage: true });

      await page.fill("#f-probability", "35");
      await page.click("#forecast button[type=submit]");
      assert.match((await page.textContent(".flash")) ?? "", /Forecast logged: 35% YES/);

      // On a phone the account's links are under the header's Menu (a <details>: no script needed).
      await page.click("header.site summary:has-text('Menu')");
      await page.click("details.menu >> text=My forecasts");
      assert.match((await page.textContent("main")) ?? "", /Xiaomi ships a laptop running Windows on Arm/);
      await page.screenshot({ path: path.join(SHOTS, "my-forecasts-phone.png"), fullPage: true });

      await page.click("header.site summary:has-text('Menu')");
      await page.click("details.menu >> text=Log out ada");
      assert.match((await page.textContent("header")) ?? "", /Log in/);
    } finally {
      await context.close();
      await site.close();
    }
  });

  it("an editor resolves a claim through the form and the leaderboard shows the new scores", async () => {
    const db = demoDb();
    const { username } = await makeAccount(db, "editor");
    const site = await serve(db);
    const context = await chromium.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${site.url}/login`);
      await page.fill("#f-username", username);
      await page.fill("#f-password", PASSWORD);
      await page.click("form.form button[type=submit]");
      await page.goto(`${site.url}/claims/${demoClaimId(db, "Microsoft Office")}/resolve`);
      await page.check("input[name=verdict][value=NO]");
      await page.check("input[name=basis][value=event]");
      await page.check(`input[name=eventIds][value='${demoEventId(db, "preinstall Office")}']`);
      await page.fill("#f-rationale", "Test in a browser: suppose the deal fell through.");
      await page.screenshot({ path: path.join(SHOTS, "resolve-form-desktop.png"), fullPage: true });
      await page.click("form.form button[type=submit]");
      assert.match((await page.textContent(".flash")) ?? "", /Resolved NO/);
      await page.goto(`${site.url}/leaderboard`);
      const row = await page.textContent("table.board tbody tr:has(a:text('xoxoGeorges'))");
      assert.match(row ?? "", /0\.310/);
    } finally {
      await context.close();
      await site.close();
    }
  });
});
