// Starting and stopping the app for the benchmarks, always on loopback: the real app (createApp) in
// a child process of its own on an ephemeral port, so the load generator does not share its event
// loop, or the real entry point (dist/server/main.js) for cold starts.
// Run directly (by startAppServer, through fork), this file is that child: `server.js DB_FILE NOW_ISO [LIMITS]`.
import { fork, spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { DateTime } from "luxon";
import { openDb } from "../../db/connection";
import { ROOT } from "../../db/paths";
import { createApp } from "../../server/app";
import { DEFAULT_LIMITS, type LimitSettings } from "../../server/http/limits";
import { peakRssMb } from "./system";

export const LOOPBACK = "127.0.0.1";
export const baseUrl = (port: number): string => `http://${LOOPBACK}:${port}`;

interface ServerReady {
  type: "ready";
  port: number;
}
interface ServerRss {
  type: "rss";
  peakRssMb: number;
}
interface ServerStopped {
  type: "stopped";
  peakRssMb: number;
}

/**
 * The write limits a benchmark's server runs with: "default" (what a real server has), or "lifted" for
 * the benchmarks that measure pages and forecasts under load from one address with many accounts
 * signed up at once, which the limits exist to refuse (bench:flood measures them).
 */
export type BenchLimits = "default" | "lifted";

function limitsOf(which: string): Partial<LimitSettings> {
  if (which === "default") return {};
  return Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((k) => [k, 1_000_000_000]));
}

/** Child mode: serve the database with the real app, at a fixed "now", until the parent says "stop". */
function serve(file: string, nowIso: string, limits: string): void {
  const now = DateTime.fromISO(nowIso, { zone: "utc" });
  const db = openDb(file);
  const app = createApp({
    db,
    clock: () => now,
    security: { sessionSecret: "bench-leaderboard", limits: limitsOf(limits) },
  });
  const server = app.listen(0, LOOPBACK, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    process.send?.({ type: "ready", port } satisfies ServerReady);
  });
  process.on("message", (message) => {
    if (message === "rss") process.send?.({ type: "rss", peakRssMb: peakRssMb() } satisfies ServerRss);
    if (message !== "stop") return;
    server.closeAllConnections();
    server.close(() => {
      db.close();
      process.send?.({ type: "stopped", peakRssMb: peakRssMb() } satisfies ServerStopped, () => process.disconnect());
    });
  });
  // An orphan must not keep serving: when the parent goes away, so does the server.
  process.on("disconnect", () => process.exit(0));
}

/** Starts the app on the database in a child process (no logger): the child and its port. */
export function startAppServer(
  dbFile: string,
  now: DateTime,
  limits: BenchLimits = "lifted",
): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, [dbFile, now.toISO() ?? "", limits], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the server exited early (code ${code})`)));
    child.once("message", (m: ServerReady) => resolve({ child, port: m.port }));
  });
}

/** The app's child process's peak RSS so far, in MB (null when it does not answer within 5 s). */
export function serverPeakRss(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    const onMessage = (m: ServerRss) => {
      if (m.type !== "rss") return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(m.peakRssMb);
    };
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      resolve(null);
    }, 5000);
    child.on("message", onMessage);
    child.send("rss");
  });
}

/** Stops the app's child process (killing it after 10 s): its peak RSS in MB, if it said. */
export function stopAppServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    let peak: number | null = null;
    const timer = setTimeout(() => child.kill("SIGKILL"), 10000);
    child.on("message", (m: ServerStopped) => {
      if (m.type === "stopped") peak = m.peakRssMb;
    });
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(peak);
    });
    if (child.connected) child.send("stop");
    else child.kill("SIGTERM");
  });
}

/** A loopback port that was free a moment ago, for a server that needs its port up front. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Spawns `node dist/server/main.js` on loopback, on the port and database given, output ignored. */
export function spawnMainServer(port: number, dbFile: string): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, "dist/server/main.js")], {
    env: { ...process.env, HOST: LOOPBACK, PORT: String(port), HINDSIGHT_DB: dbFile },
    stdio: "ignore",
  });
}

/** Sends SIGTERM and waits for the process to exit. */
export async function stopMainServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

if (require.main === module && process.send) serve(process.argv[2] ?? "", process.argv[3] ?? "", process.argv[4] ?? "");
