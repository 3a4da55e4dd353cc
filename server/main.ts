// Entry point for `npm start`: open and migrate the database, load the demo if empty, serve.
import { DateTime } from "luxon";
import { migrate, openDb } from "../db/connection";
import { createApp } from "./app";
import { jsonLogger } from "./http/logging";
import { seedDemoIfEmpty } from "./services/demo";
import { preparePasswordRules } from "./domain/password-rules";
import { ensureScoresStored } from "./services/stored-scores";

const started = process.hrtime.bigint();
const file = process.env.HINDSIGHT_DB ?? "data/hindsight.db";
const port = Number(process.env.PORT ?? 3000);
// Loopback by default: a fresh install is not reachable from the network until the operator says
// so (HOST=0.0.0.0 in a container or behind a proxy on another machine).
const host = process.env.HOST ?? "127.0.0.1";

const db = openDb(file);
const applied = migrate(db);
const seeded = seedDemoIfEmpty(db, DateTime.utc());
// A database from before the stored scores (migration 0006) gets them once, before serving.
const scoresBuilt = ensureScoresStored(db);
// How long an import on the form may take before it is stopped (default 120 s).
const importTimeout = Number(process.env.IMPORT_TIMEOUT_MS);
const importTimeoutMs = Number.isFinite(importTimeout) && importTimeout > 0 ? importTimeout : undefined;
const app = createApp({ db, clock: () => DateTime.utc(), logger: jsonLogger, importTimeoutMs });

const server = app.listen(port, host, () => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // The port the system gave (PORT=0 asks for any free one).
  const address = server.address();
  const bound = address && typeof address === "object" ? address.port : port;
  jsonLogger.info({
    msg: "listening",
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    db: file,
    migrations: applied,
    demoLoaded: seeded,
    scoresBuilt,
    startupMs: Math.round(ms),
  });
  // The password estimator's dictionaries take about a second of CPU to index: done once, soon
  // after startup (not in the way of the first page), rather than in someone's first signup.
  setTimeout(preparePasswordRules, 2000).unref();
});

/** How long requests under way may take to finish after SIGTERM before they are cut off. */
const SHUTDOWN_TIMEOUT_MS = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
let stopping = false;

/**
 * SIGTERM (a service manager, a container stop) or SIGINT (Ctrl-C): stop accepting connections,
 * let the requests under way finish, then close the database so its WAL is checkpointed. Idle
 * keep-alive connections are closed at once; requests still running after the timeout are cut.
 */
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  jsonLogger.info({ msg: "shutting down", signal, timeoutMs: SHUTDOWN_TIMEOUT_MS });
  const finish = (code: number) => {
    db.close();
    jsonLogger.info({ msg: "stopped", signal, code });
    process.exit(code);
  };
  server.close(() => finish(0));
  server.closeIdleConnections();
  setTimeout(() => {
    jsonLogger.info({ msg: "requests still running at the shutdown timeout were cut off", signal });
    server.closeAllConnections();
    finish(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
