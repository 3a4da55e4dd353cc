import assert from "node:assert/strict";
import path from "node:path";
import { insertAccount } from "../../db/accounts";
import { hashPassword } from "../../server/services/passwords";
import { inBrowser, logIn, PHONE, serve, SHOTS } from "../support/browser";
import { demoDb } from "../support/db";
import { PASSWORD } from "../support/session";

describe("an account with an outdated password, in a real browser", function () {
  this.timeout(60000);
  const chromium = inBrowser();

  it("is asked for a new one at login, on a phone, without JavaScript, and is then let through", async () => {
    const db = demoDb();
    insertAccount(db, {
      username: "olduser",
      passwordHash: await hashPassword("password12"),
      role: "reader",
      now: "2025-01-01T00:00:00.000Z",
    });
    const site = await serve(db);
    const context = await chromium.browser.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
    });
    const page = await context.newPage();
    try {
      await logIn(page, site.url, "olduser", "password12");
      assert.match(page.url(), /\/me\/password$/);
      assert.match((await page.textContent("main")) ?? "", /no longer meets this site's rules/);
      const overflow = await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      assert.ok(Number(overflow) <= 0, `page is ${String(overflow)}px wider than the screen`);

      await page.fill("#f-current", "password12");
      await page.fill("#f-password", "1234567890");
      await page.fill("#f-confirm", "1234567890");
      await page.click("form.form button[type=submit]");
      assert.match((await page.textContent("#f-password-err")) ?? "", /sequence/);
      await page.screenshot({ path: path.join(SHOTS, "password-change-phone.png"), fullPage: true });

      await page.fill("#f-current", "password12");
      await page.fill("#f-password", PASSWORD);
      await page.fill("#f-confirm", PASSWORD);
      await page.click("form.form button[type=submit]");
      assert.match((await page.textContent(".flash")) ?? "", /Your password is changed/);
      await page.goto(`${site.url}/me/forecasts`);
      assert.match(page.url(), /\/me\/forecasts$/);
    } finally {
      await context.close();
      await site.close();
    }
  });
});
