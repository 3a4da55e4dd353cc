// An editor in a real browser, without JavaScript: accepting "No way they sell a car before 2025"
// onto the positive claim by the page's own words stores a chance below 50 %; a refused card is
// scrolled to with its message in view; a forecast is corrected and the board follows.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Db } from "../../db/connection";
import { importThread } from "../../server/services/import-thread";
import { inBrowser, logIn, PHONE, serve, SHOTS } from "../support/browser";
import { emptyDb, TEST_NOW } from "../support/db";
import { makeClaim } from "../support/factories";
import { makeAccount } from "../support/session";

// Five speculating comments first, so the one under test is the sixth card, far down a phone screen.
const FILLER = [
  "They will probably buy it.",
  "Maybe they will merge.",
  "They will surely ship it.",
  "I bet they will sell it.",
  "They are going to win.",
];

function carThread(db: Db): void {
  const comments = [...FILLER, "No way they sell a car before 2025."].map(
    (body, i) =>
      `${i + 1}. ${i === FILLER.length ? "skeptic_joe" : `filler${i}`}\n\nPosts: 3; Member since: Jan 01, 2014\n\n${body}\n`,
  );
  importThread(
    db,
    `Xiaomi and cars\n\nAn article.\n\nsource: Other News\n\n${comments.join("\n")}`,
    { published: "2014-09-30" },
    TEST_NOW,
  );
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page is ${wide}px wide at 390`);
}

describe("an editor corrects and accepts in a real browser", function () {
  this.timeout(90000);
  const chromium = inBrowser();

  it("accepts a negated comment onto a positive claim by the page's words: below 50 %, stated before saving", async () => {
    const db = emptyDb();
    const claimId = makeClaim(db, { text: "Xiaomi sells a car before 2025-01-01", resolveBy: "2025-01-01" });
    carThread(db);
    const { username } = await makeAccount(db, "editor");
    const site = await serve(db);
    const context = await chromium.browser.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
    });
    const page = await context.newPage();
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/candidates`);
      await noSidewaysScroll(page);
      assert.deepEqual(await axeViolations(page), [], "the queue passes axe (labels, unique ids, names)");
      const card = page.locator("li", { hasText: "No way they sell a car before 2025." });
      const cardId = await card.getAttribute("id");
      assert.match(cardId ?? "", /^card-\d+$/);
      const hint = (await page.textContent("p.hint")) ?? "";
      assert.match(hint, /always the chance that the claim resolves YES/);
      // The page's words: "No way" predicts the claim's opposite, so the stance is "against".
      await card.locator("select[name=claimId]").selectOption(String(claimId));
      await card.locator("input[name=stance][value=against]").check();
      const box = card.locator("input[name=probability]");
      assert.equal(await box.inputValue(), "10", "prefilled as the claim's chance, already below 50 %");

      // First a mistake: a number for the words' side with "against" is refused in view of the card.
      await box.fill("90");
      await card.locator("button[type=submit]", { hasText: "Accept" }).click();
      assert.ok(page.url().endsWith(`#${cardId}`), page.url());
      const error = page.locator(`#${cardId} .error-msg`).first();
      assert.match((await error.textContent()) ?? "", /you chose “against it”/);
      assert.ok(await inViewport(page, `#${cardId} .error-msg`), "the message is on screen");
      assert.match((await page.textContent("[role=alert]")) ?? "", /Not saved — the sentence by skeptic_joe/);
      await page.screenshot({ path: path.join(SHOTS, "accept-refused-phone.png") });

      const again = page.locator(`#${cardId}`);
      await again.locator("input[name=probability]").fill("10");
      await again.locator("button[type=submit]", { hasText: "Accept" }).click();
      const statement = (await page.textContent(`#${cardId} [role=status]`)) ?? "";
      assert.match(statement, /skeptic_joe: 10% that Xiaomi sells a car before 2025-01-01/);
      assert.equal(db.prepare("SELECT count(*) FROM forecasts").pluck().get(), 0, "nothing saved yet");
      await page.locator(`#${cardId}`).screenshot({ path: path.join(SHOTS, "accept-stated-phone.png") });
      await page.locator(`#${cardId} button[type=submit]`, { hasText: "Save this forecast" }).click();
      assert.match(
        (await page.textContent(".flash")) ?? "",
        /skeptic_joe, 10% that “Xiaomi sells a car before 2025-01-01”/,
      );
      const stored = db.prepare("SELECT probability FROM forecasts WHERE claim_id = ?").pluck().get(claimId) as number;
      assert.ok(stored < 0.5, `stored ${stored}`);
    } finally {
      await context.close();
      await site.close();
    }
  });

  it("with JavaScript, turning the stance round turns the number round", async () => {
    const db = emptyDb();
    makeClaim(db, { text: "Xiaomi does not sell a car before 2025-01-01", resolveBy: "2025-01-01" });
    carThread(db);
    const { username } = await makeAccount(db, "editor");
    const site = await serve(db);
    const context = await chromium.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/candidates`);
      const card = page.locator("li", { hasText: "No way they sell a car before 2025." });
      const box = card.locator("input[name=probability]");
      assert.equal(await box.inputValue(), "10");
      // On a claim worded as the sentence's opposite, the words are for it.
      await card.locator("input[name=stance][value=for]").check();
      assert.equal(await box.inputValue(), "90");
      await card.locator("input[name=stance][value=undecided]").check();
      assert.equal(await box.inputValue(), "50");
    } finally {
      await context.close();
      await site.close();
    }
  });

  it("corrects a forecast from the claim page and withdraws it, at phone width", async () => {
    const db = emptyDb();
    const claimId = makeClaim(db, { text: "Xiaomi sells a car before 2025-01-01", resolveBy: "2025-01-01" });
    carThread(db);
    const { username } = await makeAccount(db, "editor");
    const site = await serve(db);
    const context = await chromium.browser.newContext({
      javaScriptEnabled: false,
      viewport: PHONE,
    });
    const page = await context.newPage();
    try {
      await logIn(page, site.url, username);
      await page.goto(`${site.url}/editor/candidates`);
      const card = page.locator("li", { hasText: "No way they sell a car before 2025." });
      await card.locator("select[name=claimId]").selectOption(String(claimId));
      await card.locator("button[type=submit]", { hasText: "Accept" }).click();
      await page.locator("button[type=submit]", { hasText: "Save this forecast" }).click();

      await page.goto(`${site.url}/claims/${claimId}`);
      await page.click("text=correct or withdraw");
      await noSidewaysScroll(page);
      await page.fill("#correct-probability", "5");
      await page.fill("#correct-reason", "no way is stronger than 10 %");
      await page.click("#correct button[type=submit]");
      assert.match((await page.textContent(".flash")) ?? "", /10% → 5%/);
      assert.equal(db.prepare("SELECT probability FROM forecasts").pluck().get(), 0.05);

      await page.click("text=correct or withdraw");
      await page.fill("#withdraw-reason", "about bikes, not cars");
      await page.click("#withdraw button[type=submit]");
      assert.match((await page.textContent(".flash")) ?? "", /Forecast withdrawn/);
      assert.match((await page.textContent("details.withdrawn")) ?? "", /about bikes, not cars/);
      await noSidewaysScroll(page);
    } finally {
      await context.close();
      await site.close();
    }
  });
});

/**
 * axe-core's violations on the page, as "rule: target" lines. axe needs timers, which a page without
 * JavaScript does not run: the same address is opened in a context with scripts, sharing the cookies.
 */
async function axeViolations(page: Page): Promise<string[]> {
  const browser = page.context().browser();
  assert.ok(browser);
  const context = await browser.newContext({ viewport: PHONE });
  try {
    await context.addCookies(await page.context().cookies());
    const scripted = await context.newPage();
    await scripted.goto(page.url());
    const source = fs.readFileSync(require.resolve("axe-core"), "utf8");
    const run = `(async () => { ${source}
      const result = await window.axe.run();
      if (result.passes.length === 0) return ["axe checked nothing"];
      return result.violations.flatMap((v) => v.nodes.map((n) => v.id + ": " + n.target.join(" ")));
    })()`;
    return await scripted.evaluate<string[]>(run);
  } finally {
    await context.close();
  }
}

async function inViewport(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  }, selector);
}
