// Every main page on a 390 px phone, as a visitor and as an admin (who sees the editor's pages too):
// nothing scrolls sideways, no element id is used twice, and the first Tab reaches a skip link.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext } from "playwright-core";
import { ROOT } from "../../db/paths";
import { inBrowser, logIn } from "../support/browser";
import { demoDb } from "../support/db";
import { demoClaimId, demoEventId, demoSourceId, personIdByHandle } from "../support/demo";
import { makeAccount } from "../support/session";

const SHOTS = path.join(ROOT, "test-artifacts", "phone");
const PHONE = { width: 390, height: 844 };

/** Ids used more than once on the page, and how much wider than the screen it is. */
const INSPECT = `(() => {
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  const duplicates = [...seen].filter(([, n]) => n > 1).map(([id, n]) => id + " x" + n);
  const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const wide = overflow > 0
    ? [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .filter((el) => !el.closest(".table-wrap"))
        .slice(0, 3)
        .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).split(" ")[0] : ""))
    : [];
  return { duplicates, overflow, wide };
})()`;

describe("every main page on a phone (390 px)", function () {
  this.timeout(120000);
  const db = demoDb();
  const claim = demoClaimId(db, "Microsoft acquires Xiaomi");
  const event = demoEventId(db, "strategic framework MoU");
  const quoted = db
    .prepare("SELECT id FROM forecasts WHERE quote IS NOT NULL ORDER BY id LIMIT 1")
    .pluck()
    .get() as number;
  const visitorPages = {
    home: "/",
    leaderboard: "/leaderboard",
    claims: "/claims",
    claim: `/claims/${claim}`,
    "claim-history": `/claims/${claim}/history`,
    sources: "/sources",
    source: `/sources/${demoSourceId(db, "CEOs meet up in China")}`,
    events: "/events",
    event: `/events/${event}`,
    people: "/people",
    person: `/people/${personIdByHandle(db, "FerneyZan")}`,
    login: "/login",
    signup: "/signup",
    "not-found": "/no-such-page",
    search: "/search?q=xiaomi",
    "claims-by-tag": "/claims?tag=microsoft",
    scores: "/scores",
    calibration: "/calibration",
    embed: `/claims/${claim}/embed`,
  };
  const signedInPages = {
    "me-forecasts": "/me/forecasts",
    "me-settings": "/me/settings",
    "claim-signed-in": `/claims/${claim}`,
    "claims-new": "/claims/new",
    resolve: `/claims/${claim}/resolve`,
    "events-new": "/events/new",
    editor: "/editor",
    candidates: "/editor/candidates",
    import: "/editor/import",
    accounts: "/admin/accounts",
    dismissed: "/editor/candidates/dismissed",
    "correct-forecast": `/editor/forecasts/${quoted}`,
    "correct-event": `/events/${event}/edit`,
    "change-password": "/me/password",
    "person-moderation": `/people/${personIdByHandle(db, "FerneyZan")}`,
  };
  let admin: BrowserContext;

  const site = inBrowser(db);
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const { username } = await makeAccount(db, "admin");
    admin = await site.browser.newContext({ viewport: PHONE });
    const page = await admin.newPage();
    await logIn(page, site.url, username);
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.close();
  });
  after(async () => admin?.close());

  async function check(context: BrowserContext, name: string, url: string): Promise<void> {
    const page = await context.newPage();
    await page.goto(site.url + url);
    const found = await page.evaluate<{ duplicates: string[]; overflow: number; wide: string[] }>(INSPECT);
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    await page.close();
    assert.deepEqual(found.duplicates, [], `${url}: ids used twice`);
    assert.ok(found.overflow <= 0, `${url} is ${found.overflow}px wider than the screen (${found.wide.join(", ")})`);
  }

  for (const [name, url] of Object.entries(visitorPages)) {
    it(`${name} (${url}) as a visitor`, async () => {
      const context = await site.browser.newContext({ viewport: PHONE });
      await check(context, name, url);
      await context.close();
    });
  }
  for (const [name, url] of Object.entries(signedInPages)) {
    it(`${name} (${url}) as an admin`, () => check(admin, name, url));
  }

  it("the first Tab lands on a skip link to the page's content, and the header stays short", async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${site.url}/leaderboard`);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate<{ text: string; href: string }>(
      "({ text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href') })",
    );
    assert.deepEqual(focused, { text: "Skip to content", href: "#main" });
    const header = await page.evaluate<number>("document.querySelector('header.site').getBoundingClientRect().height");
    assert.ok(header <= 110, `the header is ${header}px tall`);
    await context.close();
  });
});
