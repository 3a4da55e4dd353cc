// npm run restore -- FILE: replaces the database (HINDSIGHT_DB) with the backup FILE. Refuses a
// file that is not a Hindsight database or was made by newer code, and (unless --force) a
// database that a running server has open. The old database is kept beside it, and the new one
// is moved into place in one rename, so the database is never half-restored.
// Exit status: 0 restored; 1 error (nothing changed).
import fs from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { copyDatabaseFile, inspectDatabase } from "../db/backup";
import { CliError, dbPath, parseCommand, run } from "./cli";

const USAGE = "usage: npm run restore -- [--force] FILE";

run(async () => {
  const { values, positionals } = parseCommand(
    { options: { force: { type: "boolean", default: false } }, allowPositionals: true },
    USAGE,
  );
  const source = positionals[0];
  if (positionals.length !== 1 || !source) throw new CliError(`give one backup FILE; ${USAGE}`);
  const target = dbPath();
  const found = inspectDatabase(source);
  if (!found.ok) throw new CliError(`${found.message}; nothing was changed`);
  // SQLite removes the -wal file when the last connection closes cleanly: while it is there, a
  // server (or another command) has the database open, or one stopped without closing it.
  if (fs.existsSync(`${target}-wal`) && !values.force) {
    throw new CliError(
      `${target} seems to be in use (${target}-wal exists): stop the server first, or pass --force; nothing was changed`,
    );
  }

  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.restoring-${process.pid}`;
  try {
    await copyDatabaseFile(source, partial);
    const copy = inspectDatabase(partial);
    if (!copy.ok) throw new CliError(`the copy failed its check: ${copy.message}; nothing was changed`);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
  let kept: string | null = null;
  if (fs.existsSync(target)) {
    // A second name for the old file: the rename below replaces the name, never the old data.
    kept = `${target}.before-restore-${DateTime.utc().toFormat("yyyyLLdd'T'HHmmss")}`;
    fs.linkSync(target, kept);
  }
  // The old database's WAL and shared memory belong to the old file; left beside the new one,
  // SQLite would replay them into it.
  for (const extra of ["-wal", "-shm"]) fs.rmSync(`${target}${extra}`, { force: true });
  fs.renameSync(partial, target);
  process.stdout.write(
    [
      `Restored ${source} into ${target} (migrations up to ${String(found.latest).padStart(4, "0")}).`,
      kept ? `The database it replaced is kept as ${kept}.` : "",
      "Start (or restart) the server now: it opens the restored file and applies any newer migrations.",
    ]
      .filter(Boolean)
      .join("\n") + "\n",
  );
});
