// The site header on a 390 px phone, for a visitor, an editor and an admin: two rows at most, every
// link in it reached with the keyboard alone (Tab, and Enter on the "Menu" of a phone), each with a
// visible focus ring, nothing sideways, axe clean; on a desktop the links stay in sight, with no menu.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Role } from "../../server/domain/roles";
import { inBrowser, logIn, PHONE, runAxe, SHOTS, sidewaysOverflow } from "../support/browser";
import { demoDb } from "../support/db";
import { makeAccount } from "../support/session";

const DIR = path.join(SHOTS, "header");
const DESKTOP = { width: 1280, height: 800 };

/**
 * The phone header's height at most: two rows. Measured here, two rows (brand, search and Menu; the
 * main links) are 78 px: the search row about 34 px, the links' line 23 px, a .3rem gap and .5rem
 * padding above and below. A third row adds at least a 23 px line and a gap, so 100 px or more (the
 * header was 104 px for a visitor, 130 px for a reader or editor and 156 px for an admin before).
 * 95 leaves a little room for another font and still refuses a third row.
 */
const PHONE_MAX = 95;

const MAIN = ["/leaderboard", "/claims", "/sources", "/events", "/people"];
const SEARCH = ["search", "search button"];
const ACCOUNT: Record<"visitor" | Role, string[]> = {
  visitor: ["/login", "/signup"],
  reader: ["/me/forecasts", "/me/settings", "log out"],
  editor: ["/me/forecasts", "/me/settings", "/editor", "log out"],
  admin: ["/me/forecasts", "/me/settings", "/editor", "/admin/accounts", "log out"],
};
/**
 * Tab follows what each width shows, left to right and row by row: on a desktop the brand, the main
 * links, the search and the account's links; on a phone the brand, the search and the Menu's links
 * (first row), then the main links (second row).
 */
const EXPECTED = {
  desktop: (who: "visitor" | Role) => ["/", ...MAIN, ...SEARCH, ...ACCOUNT[who]],
  phone: (who: "visitor" | Role) => ["/", ...SEARCH, ...ACCOUNT[who], ...MAIN],
};

interface Stop {
  what: string;
  summary: boolean;
  open: boolean;
  ring: boolean;
  inHeader: boolean;
  /** Whether the phone's Menu is open while this has the focus. */
  menuOpen: boolean;
}

/** What has the focus: a link's href, "search", "log out", or a phone's "Menu" summary. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  // The header's own ring (style.css): 2px solid white, seen on its dark background.
  const ring = style.outlineStyle === "solid" && parseFloat(style.outlineWidth) >= 2
    && style.outlineColor === "rgb(255, 255, 255)";
  const what = el.tagName === "A" ? el.getAttribute("href")
    : el.tagName === "INPUT" && el.type === "search" ? "search"
    : el.tagName === "BUTTON" && el.textContent.trim() === "Search" ? "search button"
    : el.tagName === "BUTTON" && /Log out/.test(el.textContent) ? "log out"
    : el.tagName === "SUMMARY" ? "menu"
    : el.tagName.toLowerCase();
  return { what, summary: el.tagName === "SUMMARY", open: el.tagName === "SUMMARY" && el.parentElement.open,
           ring, inHeader: Boolean(el.closest("header.site")),
           menuOpen: Boolean(document.querySelector("header.site details.menu")?.open) };
})()`;

/**
 * Tabs through the header from the top of the page, opening the Menu with Enter when it comes; with
 * `shot`, a picture of the header while the focus is on its last stop.
 */
async function walkHeader(page: Page, shot?: string): Promise<Stop[]> {
  const stops: Stop[] = [];
  await page.keyboard.press("Tab"); // the skip link
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    let stop = await page.evaluate<Stop>(FOCUSED);
    if (!stop.inHeader) break;
    if (shot && stop.what === "/signup")
      await page.screenshot({ path: shot, clip: { x: 0, y: 0, ...PHONE, height: 200 } });
    if (shot && stop.what === "log out")
      await page.screenshot({ path: shot, clip: { x: 0, y: 0, ...PHONE, height: 260 } });
    if (stop.summary && !stop.open) {
      await page.keyboard.press("Enter");
      stop = { ...(await page.evaluate<Stop>(FOCUSED)), open: false };
    }
    stops.push(stop);
  }
  return stops;
}

describe("the site header on a phone and on a desktop", function () {
  this.timeout(120000);
  const db = demoDb();
  const site = inBrowser(db);
  before(() => fs.mkdirSync(DIR, { recursive: true }));

  async function pageAs(browser: Browser, who: "visitor" | Role, viewport: typeof PHONE): Promise<Page> {
    const context = await browser.newContext({ viewport, bypassCSP: true });
    const page = await context.newPage();
    if (who !== "visitor") {
      const { username } = await makeAccount(db, who);
      await logIn(page, site.url, username);
      await page.waitForURL((url) => url.pathname !== "/login");
    }
    await page.goto(`${site.url}/leaderboard`);
    return page;
  }

  const headerHeight = (page: Page) =>
    page.evaluate<number>("document.querySelector('header.site').getBoundingClientRect().height");

  for (const who of ["visitor", "reader", "editor", "admin"] as const) {
    it(`as ${who === "visitor" ? "a signed-out visitor" : `an ${who === "reader" ? "ordinary reader" : who}`}: two rows at most on a phone, every link reached by keyboard, axe clean`, async () => {
      const page = await pageAs(site.browser, who, PHONE);
      const height = await headerHeight(page);
      await page.screenshot({ path: path.join(DIR, `phone-${who}.png`), clip: { x: 0, y: 0, ...PHONE, height: 200 } });
      assert.ok(height <= PHONE_MAX, `the ${who}'s header is ${height}px tall on a phone (at most ${PHONE_MAX})`);
      assert.ok((await sidewaysOverflow(page)) <= 0, "nothing scrolls sideways");

      const stops = await walkHeader(page, path.join(DIR, `phone-${who}-menu-open.png`));
      const reached = stops.filter((s) => !s.summary).map((s) => s.what);
      assert.deepEqual(reached, EXPECTED.phone(who), "every link of the header, in the order seen, by Tab alone");
      for (const s of stops) assert.ok(s.ring, `${s.what} shows the header's white 2px focus ring`);
      // Tab past the Menu's last link closes it: the main links below are not hidden under it.
      const after = stops.filter((s) => MAIN.includes(s.what));
      assert.equal(after.length, MAIN.length);
      for (const s of after) assert.equal(s.menuOpen, false, `the Menu is closed when ${s.what} has the focus`);
      assert.ok((await sidewaysOverflow(page)) <= 0, "nothing scrolls sideways with the menu open");
      const { passes, violations } = await runAxe(page);
      assert.ok(passes > 10, "axe ran its checks");
      assert.deepEqual(violations, []);
      await page.context().close();
    });

    it(`as ${who}: on a desktop every link is in sight, with no menu`, async () => {
      const page = await pageAs(site.browser, who, DESKTOP);
      await page.screenshot({
        path: path.join(DIR, `desktop-${who}.png`),
        clip: { x: 0, y: 0, ...DESKTOP, height: 120 },
      });
      assert.equal(
        await page.evaluate<string>("getComputedStyle(document.querySelector('details.menu')).display"),
        "none",
      );
      const stops = await walkHeader(page);
      assert.deepEqual(
        stops.map((s) => s.what),
        EXPECTED.desktop(who),
        "no menu to open on a desktop, and the order seen",
      );
      for (const s of stops) assert.ok(s.ring, `${s.what} shows the header's white 2px focus ring`);
      await page.context().close();
    });
  }

  it("a 40-character username: every item of the open Menu is inside a phone's width", async () => {
    // Wide letters and no space: the widest name the username rule allows (usernames.ts).
    const username = `${"MW".repeat(19)}_M`;
    assert.equal(username.length, 40);
    const context = await site.browser.newContext({ viewport: PHONE, bypassCSP: true });
    const page = await context.newPage();
    await makeAccount(db, "admin", username);
    await logIn(page, site.url, username);
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.click("header.site summary");
    await page.screenshot({
      path: path.join(DIR, "phone-long-name-menu-open.png"),
      clip: { x: 0, y: 0, ...PHONE, height: 320 },
    });
    const boxes = await page.evaluate<{ what: string; left: number; right: number }[]>(`
      [...document.querySelectorAll("header.site details.menu nav, header.site details.menu nav a, header.site details.menu nav button")]
        .map((el) => { const r = el.getBoundingClientRect(); return { what: el.textContent.trim() || el.tagName, left: r.left, right: r.right }; })`);
    assert.equal(boxes.length, 6, "the menu, four links and Log out");
    for (const b of boxes) {
      assert.ok(b.left >= 0 && b.right <= PHONE.width, `${b.what}: ${b.left}–${b.right} px, inside 0–${PHONE.width}`);
    }
    assert.ok(
      boxes.some((b) => b.what.includes(username)),
      "the whole name is shown",
    );
    assert.ok((await sidewaysOverflow(page)) <= 0, "nothing scrolls sideways with the menu open");
    await context.close();
  });

  // The page's own Content-Security-Policy applies here (no bypassCSP): the script is the site's own file.
  it("with its script, the Menu closes on Escape (focus back on Menu), on a click outside and when the focus leaves it", async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const { username } = await makeAccount(db, "reader");
    await logIn(page, site.url, username);
    await page.waitForURL((url) => url.pathname !== "/login");
    const isOpen = () => page.evaluate<boolean>("document.querySelector('header.site details.menu').open");
    const focused = () =>
      page.evaluate<string>("document.activeElement.tagName + ':' + document.activeElement.textContent.trim()");

    await page.focus("header.site summary");
    await page.keyboard.press("Enter");
    assert.equal(await isOpen(), true);
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "A:My forecasts");
    await page.keyboard.press("Escape");
    assert.equal(await isOpen(), false, "Escape closes the Menu");
    assert.equal(await focused(), "SUMMARY:Menu", "and the focus is back on Menu");

    await page.keyboard.press("Enter");
    assert.equal(await isOpen(), true);
    await page.click("main");
    assert.equal(await isOpen(), false, "a click outside closes it");

    await page.click("header.site summary");
    assert.equal(await isOpen(), true, "a click on Menu opens it");
    await page.focus("header.site details.menu button.link");
    await page.keyboard.press("Tab");
    assert.equal(await focused(), "A:Leaderboard", "Tab past Log out goes on to the main links");
    assert.equal(await isOpen(), false, "and the Menu is closed");
    await context.close();
  });
});
