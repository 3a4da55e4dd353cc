// An editor imports a thread by choosing a file on a phone-sized screen: the browser sends the
// multipart form (with its CSRF token), and the summary comes back; a file and a paste together are
// refused beside the file field. The page fits 390 px and passes axe-core before and after.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "../../db/paths";
import { fitsAndPassesAxe, inBrowser, logIn, PHONE, SHOTS } from "../support/browser";
import { emptyDb, rowCount } from "../support/db";
import { makeAccount } from "../support/session";

const DISQUS = path.join(ROOT, "test", "fixtures", "formats", "disqus.xml");
const REDDIT = path.join(ROOT, "test", "fixtures", "formats", "reddit.json");

describe("an editor uploads an export file in a real browser", function () {
  this.timeout(60_000);
  const db = emptyDb();
  const site = inBrowser(db);

  it("chooses a Disqus export, sends it, and sees the summary", async () => {
    const { username } = await makeAccount(db, "editor");
    // Scripts run only for axe-core (injected past the site's CSP); the page itself has none.
    const context = await site.browser.newContext({ viewport: PHONE, bypassCSP: true });
    const page = await context.newPage();
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/import`);
      assert.match((await page.textContent("#f-file-hint")) ?? "", /at most 20 MB/);
      await fitsAndPassesAxe(page, "the import page");

      // A file and a paste together: refused beside the file field, the paste kept.
      await page.fill("#f-text", "Some thread\n\n1. someone\nPosts: 3\n\nIt will probably ship.");
      await page.setInputFiles("#f-file", DISQUS);
      await page.click("main form button[type=submit]");
      assert.equal((await page.textContent("#f-file-err"))?.trim(), "Give a file or pasted text, not both.");
      assert.match(await page.inputValue("#f-text"), /It will probably ship\./);
      await page.screenshot({ path: path.join(SHOTS, "import-upload-both-phone.png"), fullPage: true });
      await fitsAndPassesAxe(page, "the refused upload");
      assert.equal(rowCount(db, "sources"), 0);

      await page.fill("#f-text", "");
      await page.setInputFiles("#f-file", DISQUS);
      await page.click("main form button[type=submit]");
      const summary = (await page.textContent("main section")) ?? "";
      assert.match(summary, /Imported: /);
      assert.match(summary, /From the file disqus\.xml\./);
      assert.match(summary, /Read as: a Disqus export\./);
      assert.match(summary, /4 comment\(s\) added from 3 commenter\(s\)/);
      assert.equal(rowCount(db, "comments"), 4);
      await page.screenshot({ path: path.join(SHOTS, "import-upload-summary-phone.png"), fullPage: true });
      await fitsAndPassesAxe(page, "the summary");
    } finally {
      await context.close();
    }
  });

  it("shows the name of a file named beyond ASCII as it was chosen", async () => {
    const { username } = await makeAccount(db, "editor");
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/import`);
      await page.setInputFiles("#f-file", {
        name: "Früh–été.json",
        mimeType: "application/json",
        buffer: fs.readFileSync(REDDIT),
      });
      await page.click("main form button[type=submit]");
      assert.match((await page.textContent("main section")) ?? "", /From the file Früh–été\.json\./);
    } finally {
      await context.close();
    }
  });
});
