// The editor's pages as the new-user walkthrough saw them, in a real browser at 390 px (and 1280 px
// where widths matter): "+ a new claim" works without JavaScript (the card comes back with the
// section open and the message beside the box to write in) and with it (the section opens); a saved
// forecast lands on its message, which links to the claim; the dismiss box and its button line up
// with the placeholder readable; the claims search box looks like the other inputs; the import form
// keeps an invalid date as typed and names the file to choose again. Each page passes axe-core.
import assert from "node:assert/strict";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Db } from "../../db/connection";
import { importThread } from "../../server/services/import-thread";
import { fitsAndPassesAxe, inBrowser, logIn, PHONE, serve, SHOTS } from "../support/browser";
import { emptyDb, rowCount, TEST_NOW } from "../support/db";
import { makeClaim } from "../support/factories";
import { makeAccount } from "../support/session";

const WIDE = { width: 1280, height: 900 };

// Three cards, so that the one saved is not the last and the page has a card to go on with.
function carThread(db: Db): void {
  const comments = [
    "They will probably buy it.",
    "I bet Xiaomi will sell a car in Europe.",
    "Maybe they will merge.",
  ].map((body, i) => `${i + 1}. writer${i}\n\nPosts: 3; Member since: Jan 01, 2014\n\n${body}\n`);
  importThread(
    db,
    `Xiaomi and cars\n\nAn article.\n\nsource: Other News\n\n${comments.join("\n")}`,
    { published: "2014-09-30" },
    TEST_NOW,
  );
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  // A pixel of slack: scrolling to an anchor can leave the box a fraction of a pixel above the top.
  return box !== null && box.y >= -1 && box.y + box.height <= height + 1;
}

/** A context that runs no page script, or (for axe-core, past the site's CSP) one that does. */
async function newPage(browser: Browser, viewport: { width: number; height: number }, js: boolean) {
  const context = await browser.newContext({ viewport, javaScriptEnabled: js, bypassCSP: js });
  return { context, page: await context.newPage() };
}

describe("the editor's pages after the walkthrough, in a real browser", function () {
  this.timeout(120_000);
  const chromium = inBrowser();
  let db: Db;
  let site: { url: string; close: () => Promise<void> };
  let username: string;
  beforeEach(async () => {
    db = emptyDb();
    makeClaim(db, { text: "Xiaomi sells a car before 2025-01-01", resolveBy: "2025-01-01" });
    carThread(db);
    username = (await makeAccount(db, "editor")).username;
    site = await serve(db);
  });
  afterEach(async () => site.close());

  it("without JavaScript: “+ a new claim” and Accept brings the card back open, saying where to write; saved, the page lands on the message", async () => {
    const { context, page } = await newPage(chromium.browser, PHONE, false);
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/candidates`);
      const card = page.locator("li", { hasText: "I bet Xiaomi will sell a car in Europe." });
      const cardId = (await card.getAttribute("id")) ?? "";
      const p = cardId.replace("card-", "c") + "-";
      await card.locator("select[name=claimId]").selectOption("new");
      await card.locator("button[type=submit]", { hasText: "Accept" }).click();
      assert.ok(page.url().endsWith(`#${cardId}`), page.url());
      assert.equal(await page.locator(`#${cardId} details.new-claim`).getAttribute("open"), "");
      assert.equal(
        await page.textContent(`#${p}text-err`),
        "You chose “+ a new claim”: write it under “New claim”, with its resolve-by date.",
      );
      assert.equal(await page.inputValue(`#${p}claim`), "new", "the choice is kept");
      await page.locator(`#${p}text`).scrollIntoViewIfNeeded();
      assert.ok(await inViewport(page, `#${p}text-err`), "the message is on screen beside the box");
      await page.screenshot({ path: path.join(SHOTS, "queue-new-claim-empty-phone.png") });

      await page.fill(`#${p}text`, "Xiaomi sells a car in Europe before 2030-01-01");
      await page.fill(`#${p}resolveBy`, "2030-01-01");
      await page.locator(`#${cardId} button[type=submit]`, { hasText: "Accept" }).click();
      await page.locator(`#${cardId} button[type=submit]`, { hasText: "Save this forecast" }).click();
      assert.ok(page.url().endsWith("/editor/candidates#flash"), page.url());
      assert.ok(await inViewport(page, ".flash"), "the message is on screen");
      const flash = (await page.textContent(".flash")) ?? "";
      assert.match(
        flash,
        /^Forecast saved: writer1, 80% that “Xiaomi sells a car in Europe before 2030-01-01”\. See the claim$/,
      );
      const claimId = db.prepare("SELECT id FROM claims WHERE text LIKE '%in Europe%'").pluck().get() as number;
      assert.equal(await page.getAttribute(".flash a", "href"), `/claims/${claimId}`);
      assert.equal(await page.locator("ul.queue > li").count(), 2, "the saved card is gone, the others stay");
      await page.screenshot({ path: path.join(SHOTS, "queue-saved-phone.png") });
    } finally {
      await context.close();
    }
  });

  it("with JavaScript: choosing “+ a new claim” opens the section and puts the cursor in it; the pages pass axe", async () => {
    const { context, page } = await newPage(chromium.browser, PHONE, true);
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/candidates`);
      await fitsAndPassesAxe(page, "the queue");
      const card = page.locator("li", { hasText: "I bet Xiaomi will sell a car in Europe." });
      assert.equal(await card.locator("details.new-claim").getAttribute("open"), null);
      await card.locator("select[name=claimId]").selectOption("new");
      assert.equal(await card.locator("details.new-claim").getAttribute("open"), "");
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "text");
      await card.locator("button[type=submit]", { hasText: "Accept" }).click();
      await fitsAndPassesAxe(page, "the refused card");
    } finally {
      await context.close();
    }
  });

  for (const viewport of [PHONE, WIDE]) {
    it(`at ${viewport.width} px the dismiss box lines up with its button and shows its whole placeholder`, async () => {
      const { context, page } = await newPage(chromium.browser, viewport, true);
      try {
        await logIn(page, site.url, username);
        await page.goto(`${site.url}/editor/candidates`);
        const form = page.locator("form.dismiss").first();
        const input = await form.locator("input[name=reason]").boundingBox();
        const button = await form.locator("button").boundingBox();
        assert.ok(input && button);
        assert.ok(
          Math.abs(input.y - button.y) < 1 && Math.abs(input.height - button.height) < 1,
          "same row, same height",
        );
        assert.ok(input.width >= 200, `the box is ${input.width}px wide`);
        // The placeholder, measured in the box's own font, fits inside its padding.
        const fits = await form.locator("input[name=reason]").evaluate((el: HTMLInputElement) => {
          const style = getComputedStyle(el);
          const ctx = document.createElement("canvas").getContext("2d");
          if (!ctx) return false;
          ctx.font = `${style.fontSize} ${style.fontFamily}`;
          const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
          const need = ctx.measureText(el.placeholder).width;
          return need <= room || `${need} > ${room}`;
        });
        assert.ok(fits === true, `the placeholder is not cut off: ${String(fits)}`);
        await form.screenshot({ path: path.join(SHOTS, `queue-dismiss-${viewport.width}.png`) });
      } finally {
        await context.close();
      }
    });

    it(`at ${viewport.width} px the claims search box is styled like the other inputs`, async () => {
      const { context, page } = await newPage(chromium.browser, viewport, true);
      try {
        const styleOf = (selector: string) =>
          page.locator(selector).evaluate((el) => {
            const s = getComputedStyle(el);
            return [s.fontSize, s.paddingTop, s.paddingLeft, s.borderTopColor, s.borderTopWidth, s.borderRadius];
          });
        await page.goto(`${site.url}/login`);
        const field = await styleOf("#f-username");
        await page.goto(`${site.url}/claims`);
        assert.deepEqual(await styleOf("#claims-q"), field);
        const box = await page.locator("#claims-q").boundingBox();
        const find = await page.locator(".claims-filter button").boundingBox();
        assert.ok(box && find && box.height >= find.height - 1, "not shorter than its button");
        await fitsAndPassesAxe(page, "the claims list");
        await page.screenshot({ path: path.join(SHOTS, `claims-search-${viewport.width}.png`) });
      } finally {
        await context.close();
      }
    });
  }

  it("the import form keeps an invalid date as typed, beside its error, and names the file to choose again", async () => {
    const { context, page } = await newPage(chromium.browser, PHONE, true);
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/import`);
      await page.setInputFiles("#f-file", {
        name: "cars-thread.txt",
        mimeType: "text/plain",
        buffer: Buffer.from("Cars\n\nAn article.\n\n1. someone\n\nPosts: 3\n\nThey will probably sell a car.\n"),
      });
      await page.fill("#f-title", "Cars again");
      await page.fill("#f-url", "not a url");
      // As a browser without a date picker sends it: the date box turned plain text for the typing.
      await page.locator("#f-published").evaluate((el: HTMLInputElement) => (el.type = "text"));
      await page.fill("#f-published", "2014-02-30");
      await page.click("main form button[type=submit]");
      assert.equal(await page.inputValue("#f-title"), "Cars again");
      assert.equal(await page.inputValue("#f-url"), "not a url");
      assert.equal(await page.inputValue("#f-published"), "2014-02-30");
      assert.ok((await page.textContent("#f-published-err"))?.trim());
      assert.equal(
        (await page.textContent("#f-file-again"))?.trim(),
        "Choose the file again (browsers do not keep it): cars-thread.txt",
      );
      assert.equal(rowCount(db, "sources"), 1, "nothing more imported");
      await fitsAndPassesAxe(page, "the refused import");
      await page.screenshot({ path: path.join(SHOTS, "import-kept-phone.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
