// Chromium driven by playwright-core: the build shipped inside the @sparticuz/chromium npm package
// (installed by `npm install`, unpacked to the temp folder on first use), or CHROMIUM_PATH when set.
// Never a browser downloaded by a test tool.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import packagedChromium from "@sparticuz/chromium";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Db } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { testApp, type TestAppOptions } from "./app";
import { PASSWORD } from "./session";

/** CHROMIUM_PATH if it names a file, else the packaged build (unpacked once per machine). */
export async function chromiumPath(): Promise<string> {
  const override = process.env.CHROMIUM_PATH;
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`CHROMIUM_PATH=${override} does not exist`);
    return override;
  }
  return packagedChromium.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    args: [
      "--headless=new",
      "--no-sandbox",
      "--no-zygote",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Serves the real app on an ephemeral loopback port. */
export async function serve(db: Db, opts: TestAppOptions = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = testApp(db, opts).listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Where browser tests put their screenshots (ignored by git). */
export const SHOTS = path.join(ROOT, "test-artifacts");

/**
 * Mocha hooks for one describe block: one Chromium for the block and, given a database, the real app
 * served on it. Read `.browser` and `.url` inside the tests.
 */
export function inBrowser(db?: Db): { browser: Browser; url: string } {
  const state = {} as { browser: Browser; url: string; close?: () => Promise<void> };
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    state.browser = await launchBrowser();
    if (db) {
      const site = await serve(db);
      state.url = site.url;
      state.close = site.close;
    }
  });
  after(async () => {
    await state.browser?.close();
    await state.close?.();
  });
  return state;
}

/** How many pixels wider than the screen the page is: 0 or less means no sideways scrolling. */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return Number(await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"));
}

const AXE = fs.readFileSync(require.resolve("axe-core"), "utf8");

/**
 * axe-core run on the page (whose context must run scripts and bypass the site's CSP, which rightly
 * refuses an injected script): how many checks passed, and each violation as a line.
 */
export async function runAxe(page: Page, runOnly?: string[]): Promise<{ passes: number; violations: string[] }> {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate<{
    passes: unknown[];
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  }>(`axe.run(document${runOnly ? `, { runOnly: ${JSON.stringify(runOnly)} }` : ""})`);
  return {
    passes: result.passes.length,
    violations: result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    ),
  };
}

/** The page fits its screen (no sideways scrolling) and axe finds no violation; `what` names it in a failure. */
export async function fitsAndPassesAxe(page: Page, what: string): Promise<void> {
  assert.ok((await sidewaysOverflow(page)) <= 0, `${what} fits the screen`);
  assert.deepEqual((await runAxe(page)).violations, [], `${what}: axe`);
}

/** A phone's viewport, the narrowest the pages are built for. */
export const PHONE = { width: 390, height: 844 };

/** Logs in through the real form, as a person would (by default with the test accounts' PASSWORD). */
export async function logIn(page: Page, url: string, username: string, password: string = PASSWORD): Promise<void> {
  await page.goto(`${url}/login`);
  await page.fill("#f-username", username);
  await page.fill("#f-password", password);
  await page.click("main form button[type=submit]");
}
