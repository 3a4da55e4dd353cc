// npm run load-dataset -- FILE.json [--json]: loads claims, events, forecasts and resolutions (format in README).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { DatasetError, loadDataset } from "../server/services/load-dataset";
import { CliError, dbPath, openMigrated, run } from "./cli";

const USAGE = "usage: npm run load-dataset -- FILE.json [--json]";

run(() => {
  const { values, positionals } = parseArgs({
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new CliError(USAGE);
  const file = positionals[0] ?? "";
  if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const db = openMigrated();
  try {
    const summary = loadDataset(db, data, DateTime.utc());
    if (summary.yesByLapse > 0)
      process.stderr.write(
        `warning: ${summary.yesByLapse} YES resolution(s) dated by the resolve-by date (basis "lapse") were loaded as migrated records; the resolve form would refuse them (a YES does not lapse: cite the event that made it true).\n`,
      );
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else
      process.stdout.write(
        `Loaded into ${dbPath()}: ${summary.claims} claims, ${summary.events} events, ${summary.forecasts} forecasts, ${summary.resolutions} resolutions, ${summary.people} new people.\n`,
      );
  } catch (err) {
    if (err instanceof DatasetError) {
      if (values.json)
        process.stdout.write(`${JSON.stringify({ error: "invalid dataset", problems: err.problems })}\n`);
      else for (const p of err.problems.slice(1, 20)) process.stderr.write(`  ${p}\n`);
      throw new CliError(`${file}: nothing loaded, ${err.problems.length} problem(s); first: ${err.problems[0]}`);
    }
    throw err;
  } finally {
    db.close();
  }
});
