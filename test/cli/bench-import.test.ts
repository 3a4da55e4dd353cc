import assert from "node:assert/strict";
import { runScript } from "../support/cli";
import { tempPath } from "../support/db";

// The benchmark itself (100,000 comments) is too slow for the suite: this only proves it runs.
describe("node dist/scripts/bench/import.js (npm run bench:import)", () => {
  it("generates and imports a small thread and reports time, rate and peak RSS", () => {
    const res = runScript("bench/import", ["--comments", "2000", "--json"], tempPath("unused.db"));
    assert.equal(res.code, 0, res.stderr);
    const result = JSON.parse(res.stdout);
    assert.equal(result.comments, 2000);
    assert.equal(result.people, 100);
    assert.ok(result.candidates > 0);
    assert.ok(result.seconds > 0 && result.commentsPerSecond > 0);
    assert.ok(result.peakRssMb > 0);
  });

  it("refuses a count that is not a whole number", () => {
    const res = runScript("bench/import", ["--comments", "lots"], tempPath("unused.db"));
    assert.equal(res.code, 2);
    assert.match(
      res.stderr,
      /^error: --comments must be a whole number from 1 to 1000000 \(usage: npm run bench:import -- /,
    );
  });
});
