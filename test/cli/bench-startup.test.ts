import assert from "node:assert/strict";
import { runScript } from "../support/cli";
import { tempPath } from "../support/db";

describe("node dist/scripts/bench/startup.js (npm run bench:startup)", function () {
  this.timeout(60000);

  it("starts the server once on loopback and reports the cold start", () => {
    const res = runScript("bench/startup", ["--runs", "1"], tempPath("unused.db"));
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      /^cold start to first page, 1 runs: median \d+ ms, min \d+ ms, max \d+ ms \(\d+ cores, node v/,
    );
  });

  it("refuses a run count that is not a whole number with exit code 2", () => {
    const res = runScript("bench/startup", ["--runs", "0"], tempPath("unused.db"));
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^error: --runs must be a whole number from 1 to 100 \(usage: npm run bench:startup -- /);
  });
});
