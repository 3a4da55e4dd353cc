// Chromium driven by playwright-core: the build shipped inside the @sparticuz/chromium npm package
// (installed by `npm install`, unpacked to the temp folder on first use), or CHROMIUM_PATH when set.
// Never a browser downloaded by a test tool.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import packagedChromium from "@sparticuz/chromium";
import { chromium, type Browser } from "playwright-core";
import type { Db } from "../../db/connection";
import { testApp } from "./app";

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
export async function serve(db: Db): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = testApp(db).listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
