// npm run rescore [-- --check]: rebuilds the stored scores (forecast_scores, person_scores,
// claim_scores, claim_calibration) from the
// forecasts and current resolutions, in one transaction, and lists where the stored scores
// differed from the rebuild. --check only compares and writes nothing.
// Exit status: 0 nothing differed; 2 differences were found (and, without --check, repaired); 1 error.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { describeDifference, rebuildAndReport } from "../server/services/stored-scores";
import { CliError, dbPath, openMigrated, run } from "./cli";

const USAGE = "usage: npm run rescore [-- --check]";
/** Enough lines to see what went wrong without burying the terminal. */
const SHOWN = 50;

function parse(): { check: boolean } {
  try {
    return parseArgs({ options: { check: { type: "boolean", default: false } } }).values;
  } catch (err) {
    // parseArgs explains an unknown option over several lines; one line and the usage is enough.
    throw new CliError(`${(err as Error).message.split(".")[0]}; ${USAGE}`);
  }
}

run(() => {
  const { check } = parse();
  const file = dbPath();
  // Rescoring a mistyped path would create an empty database and report that all is well.
  if (file !== ":memory:" && !fs.existsSync(file)) throw new CliError(`${file}: no such database (HINDSIGHT_DB)`);
  const db = openMigrated();
  try {
    const differences = rebuildAndReport(db, { write: !check });
    if (differences.length === 0) {
      process.stdout.write(`${file}: no differences between the stored scores and a full rescoring.\n`);
      return;
    }
    for (const d of differences.slice(0, SHOWN)) process.stdout.write(`${describeDifference(d)}\n`);
    if (differences.length > SHOWN) process.stdout.write(`… and ${differences.length - SHOWN} more\n`);
    const done = check ? "nothing written (--check)" : "rebuilt from the forecasts and resolutions";
    process.stdout.write(`${file}: ${differences.length} difference(s); ${done}.\n`);
    process.exitCode = 2;
  } finally {
    db.close();
  }
});
