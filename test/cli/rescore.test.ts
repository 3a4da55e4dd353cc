import assert from "node:assert/strict";
import { openDb } from "../../db/connection";
import { runScript } from "../support/cli";
import { demoDb, tempPath } from "../support/db";

/** The demo database with one stored person total and one stored forecast row gone wrong. */
function tamperedDemo(): string {
  const db = demoDb();
  db.prepare("UPDATE person_scores SET sum_brier = 9, adjusted_brier = 9 WHERE handle = 'xoxoGeorges'").run();
  db.prepare("DELETE FROM forecast_scores WHERE forecast_id = (SELECT max(forecast_id) FROM forecast_scores)").run();
  db.close();
  return db.name;
}

describe("npm run rescore", () => {
  it("lists what differed, rebuilds, and then finds nothing", () => {
    const file = tamperedDemo();
    const first = runScript("rescore", [], file);
    assert.equal(first.code, 2, first.stderr);
    assert.match(first.stdout, /^person_scores person \d+ brier: stored 4\.5, expected 0\.17$/m);
    assert.match(first.stdout, /^forecast_scores forecast \d+ \(row\): stored null, expected present$/m);
    assert.match(first.stdout, /3 difference\(s\); rebuilt/);
    const second = runScript("rescore", [], file);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /no differences/);
  });

  it("finds a damaged calibration table too, and rebuilds it", () => {
    const db = demoDb();
    const claimId = db.prepare("SELECT min(claim_id) FROM claim_calibration").pluck().get() as number;
    db.prepare("DELETE FROM claim_calibration WHERE claim_id = ?").run(claimId);
    db.close();
    const first = runScript("rescore", ["--check"], db.name);
    assert.equal(first.code, 2, first.stderr);
    assert.match(
      first.stdout,
      new RegExp(`^claim_calibration claim ${claimId} bucket \\d \\(row\\): stored null, expected present$`, "m"),
    );
    assert.equal(runScript("rescore", [], db.name).code, 2);
    assert.match(runScript("rescore", ["--check"], db.name).stdout, /no differences/);
  });

  it("--check reports without writing", () => {
    const file = tamperedDemo();
    assert.equal(runScript("rescore", ["--check"], file).code, 2);
    const db = openDb(file);
    assert.equal(db.prepare("SELECT sum_brier FROM person_scores WHERE handle = 'xoxoGeorges'").pluck().get(), 9);
  });

  it("refuses bad arguments and a missing database in one line", () => {
    for (const [args, file, message] of [
      [["--nope"], tamperedDemo(), /^error: Unknown option '--nope'; usage: npm run rescore/],
      [["extra"], tamperedDemo(), /^error: Unexpected argument 'extra'; usage/],
      [[], tempPath("absent.db"), /^error: .*absent\.db: no such database/],
    ] as const) {
      const res = runScript("rescore", [...args], file);
      assert.equal(res.code, 1);
      assert.match(res.stderr, message);
      assert.equal(res.stderr.trim().split("\n").length, 1, res.stderr);
      assert.equal(res.stdout, "");
    }
  });
});
