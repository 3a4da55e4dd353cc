// What a person sees of the limits and of moderation, in a real browser on a phone, without
// JavaScript: the 429 page, an editor suspending a reader, and the reader's refused write.
import assert from "node:assert/strict";
import path from "node:path";
import { findAccount } from "../../db/accounts";
import { inBrowser, logIn, PHONE, serve, SHOTS, sidewaysOverflow } from "../support/browser";
import { emptyDb } from "../support/db";
import { makeClaim } from "../support/factories";
import { makeAccount } from "../support/session";

describe("limits and moderation in a real browser", function () {
  this.timeout(60000);
  const chromium = inBrowser();

  it("a reader over the forecast quota sees when to try again; an editor suspends a reader who then sees why", async () => {
    const db = emptyDb();
    const claim = makeClaim(db);
    const site = await serve(db, { security: { limits: { forecastsPerMinute: 1 } } });
    const reader = await makeAccount(db, "reader");
    const editor = await makeAccount(db, "editor");
    const readerCtx = await chromium.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const editorCtx = await chromium.browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    try {
      const r = await readerCtx.newPage();
      await logIn(r, site.url, reader.username);
      for (const p of ["60", "65"]) {
        await r.goto(`${site.url}/claims/${claim}`);
        await r.fill("#f-probability", p);
        await r.click("#forecast button[type=submit]");
      }
      assert.match((await r.textContent("main")) ?? "", /limit of forecasts from your account this minute/);
      assert.match((await r.textContent("main")) ?? "", /Try again in \d+ (seconds?|minutes?) \(after /);
      await r.screenshot({ path: path.join(SHOTS, "rate-limited-phone.png"), fullPage: true });
      assert.ok((await sidewaysOverflow(r)) <= 0, "the 429 page fits a phone");

      const e = await editorCtx.newPage();
      await logIn(e, site.url, editor.username);
      await e.goto(`${site.url}/people/${findAccount(db, reader.id)?.personId}`);
      await e.fill("#f-reason", "Posting the same forecast hundreds of times");
      await e.click("form[action$='/suspend'] button[type=submit]");
      assert.match((await e.textContent(".flash")) ?? "", /is suspended/);
      assert.match((await e.textContent(".moderation")) ?? "", /Suspended since/);
      await e.screenshot({ path: path.join(SHOTS, "moderation-phone.png"), fullPage: true });
      assert.ok((await sidewaysOverflow(e)) <= 0, "the person page with moderation fits a phone");

      await r.goto(`${site.url}/me/settings`);
      await r.click("main form button[type=submit]");
      assert.match((await r.textContent("main")) ?? "", /An editor suspended your account/);
      assert.match((await r.textContent("main")) ?? "", /Posting the same forecast hundreds of times/);
      assert.ok((await sidewaysOverflow(r)) <= 0, "the suspended page fits a phone");
    } finally {
      await readerCtx.close();
      await editorCtx.close();
      await site.close();
    }
  });
});
