// Entry point for `npm start`: open and migrate the database, load the demo if empty, serve.
import { DateTime } from "luxon";
import { migrate, openDb } from "../db/connection";
import { createApp } from "./app";
import { jsonLogger } from "./http/logging";
import { seedDemoIfEmpty } from "./services/demo";
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
const app = createApp({ db, clock: () => DateTime.utc(), logger: jsonLogger });

const server = app.listen(port, host, () => {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  jsonLogger.info({
    msg: "listening",
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    db: file,
    migrations: applied,
    demoLoaded: seeded,
    scoresBuilt,
    startupMs: Math.round(ms),
  });
});

function shutdown(signal: string): void {
  jsonLogger.info({ msg: "shutting down", signal });
  server.close(() => {
    db.close();
    process.exit(0);
  });
  // Connections that linger (keep-alive) must not keep the process up forever.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
