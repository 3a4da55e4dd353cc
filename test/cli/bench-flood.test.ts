import assert from "node:assert/strict";
import { runScript } from "../support/cli";
import { tempPath } from "../support/db";

describe("node dist/scripts/bench/flood.js (npm run bench:flood)", function () {
  this.timeout(120000);

  it("floods one account's writes with the default limits: most refused, rows stored within the quotas", () => {
    const res = runScript(
      "bench/flood",
      ["--seconds", "2", "--workers", "2", "--connections", "2"],
      tempPath("unused.db"),
    );
    assert.equal(res.code, 0, res.stderr);
    const out = res.stdout;
    assert.match(out, /^flood: one account, 2 concurrent worker\(s\) for 2 s; .*\(\d+ cores, .*node v/m);
    const quota: Record<string, number> = {
      forecast: 10,
      "claim proposal": 30,
      "forecast proposal": 30,
      dispute: 1,
      signup: 9,
    };
    for (const [kind, most] of Object.entries(quota)) {
      const row = new RegExp(`^${kind} +(\\d+) +\\d+ +(\\d+) +(\\d+) +(\\d+) +(\\d+)$`, "m").exec(out);
      assert.ok(row, `a row for ${kind} in\n${out}`);
      const [sent, stored, refused, other, rows] = row.slice(1).map(Number) as [number, number, number, number, number];
      assert.equal(stored + refused + other, sent, `${kind}: every request answered`);
      assert.ok(rows <= most, `${kind}: ${rows} rows stored, at most ${most}`);
      assert.equal(rows, stored, `${kind}: the rows stored are the ones acknowledged`);
    }
    assert.match(out, /^\/ alone: +\d+ requests, p50 \d+ ms, p99 \d+ ms/m);
    assert.match(out, /^\/ under flood: +\d+ requests, p50 \d+ ms, p99 \d+ ms/m);
  });

  it("refuses a bad option with exit code 2", () => {
    const res = runScript("bench/flood", ["--workers", "0"], tempPath("unused.db"));
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^error: --workers must be a whole number from 1 to 64 \(usage: npm run bench:flood -- /);
  });
});
