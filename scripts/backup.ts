// npm run backup -- DEST: a consistent copy of the database (HINDSIGHT_DB) in DEST, taken with
// SQLite's online backup while the server keeps running. Restore it with `npm run restore`.
// Exit status: 0 done; 1 error (nothing written at DEST).
import fs from "node:fs";
import path from "node:path";
import { copyDatabaseTo, inspectDatabase } from "../db/backup";
import { openDb } from "../db/connection";
import { CliError, dbPath, parseCommand, run } from "./cli";

const USAGE = "usage: npm run backup -- [--force] DEST";

run(async () => {
  const { values, positionals } = parseCommand(
    { options: { force: { type: "boolean", default: false } }, allowPositionals: true },
    USAGE,
  );
  const dest = positionals[0];
  if (positionals.length !== 1 || !dest) throw new CliError(`give one DEST file; ${USAGE}`);
  const file = dbPath();
  // Backing up a mistyped path would create an empty database and copy that.
  if (!fs.existsSync(file)) throw new CliError(`${file}: no such database (HINDSIGHT_DB)`);
  if (path.resolve(dest) === path.resolve(file)) throw new CliError("DEST is the database itself; choose another file");
  if (!fs.existsSync(path.dirname(path.resolve(dest)))) throw new CliError(`${path.dirname(dest)}: no such folder`);
  if (fs.existsSync(dest) && !values.force) throw new CliError(`${dest} exists; choose a new file or pass --force`);
  const before = inspectDatabase(file);
  if (!before.ok) throw new CliError(before.message);

  // Written beside DEST and renamed when complete: DEST is never a half-written copy.
  const partial = `${dest}.partial-${process.pid}`;
  const started = process.hrtime.bigint();
  const db = openDb(file);
  try {
    await copyDatabaseTo(db, partial);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
  const copy = inspectDatabase(partial);
  if (!copy.ok) {
    fs.rmSync(partial, { force: true });
    throw new CliError(`the copy failed its check: ${copy.message}`);
  }
  fs.renameSync(partial, dest);
  const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  const mb = (fs.statSync(dest).size / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `Backed up ${file} to ${dest} (${mb} MB, migrations up to ${String(copy.latest).padStart(4, "0")}) in ${ms} ms.\n`,
  );
});
