// What a person sees of the limits and of moderation, in a real browser on a phone, without
// JavaScript: the 429 page, an editor suspending a reader, and the reader's refused write.
import assert from "node:assert/strict";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { findAccount } from "../../db/accounts";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { testApp } from "../support/app";
import { launchBrowser } from "../support/browser";
import { emptyDb } from "../support/db";
import { makeClaim } from "../support/factories";
import { makeAccount, PASSWORD } from "../support/session";

const SHOTS = path.join(ROOT, "test-artifacts");
const PHONE = { width: 390, height: 844 };

async function serveWith(db: Db, forecastsPerMinute: number) {
  const server: Server = await new Promise((resolve) => {
    const s = testApp(db, { security: { limits: { forecastsPerMinute } } }).listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill("#f-username", username);
  await page.fill("#f-password", PASSWORD);
  await page.click("main form button[type=submit]");
}

async function overflow(page: Page): Promise<number> {
  return Number(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
}

describe("limits and moderation in a real browser", function () {
  this.timeout(60000);
  let browser: Browser;
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  it("a reader over the forecast quota sees when to try again; an editor suspends a reader who then sees why", async () => {
    const db = emptyDb();
    const claim = makeClaim(db);
    const site = await serveWith(db, 1);
    const reader = await makeAccount(db, "reader");
    const editor = await makeAccount(db, "editor");
    const readerCtx = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
    const editorCtx = await browser.newContext({ javaScriptEnabled: false, viewport: PHONE });
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
      assert.ok((await overflow(r)) <= 0, "the 429 page fits a phone");

      const e = await editorCtx.newPage();
      await logIn(e, site.url, editor.username);
      await e.goto(`${site.url}/people/${findAccount(db, reader.id)?.personId}`);
      await e.fill("#f-reason", "Posting the same forecast hundreds of times");
      await e.click("form[action$='/suspend'] button[type=submit]");
      assert.match((await e.textContent(".flash")) ?? "", /is suspended/);
      assert.match((await e.textContent(".moderation")) ?? "", /Suspended since/);
      await e.screenshot({ path: path.join(SHOTS, "moderation-phone.png"), fullPage: true });
      assert.ok((await overflow(e)) <= 0, "the person page with moderation fits a phone");

      await r.goto(`${site.url}/me/settings`);
      await r.click("main form button[type=submit]");
      assert.match((await r.textContent("main")) ?? "", /An editor suspended your account/);
      assert.match((await r.textContent("main")) ?? "", /Posting the same forecast hundreds of times/);
      assert.ok((await overflow(r)) <= 0, "the suspended page fits a phone");
    } finally {
      await readerCtx.close();
      await editorCtx.close();
      await site.close();
    }
  });
});
