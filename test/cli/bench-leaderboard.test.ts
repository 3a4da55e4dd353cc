import assert from "node:assert/strict";
import { runScript } from "../support/cli";
import { tempPath } from "../support/db";

// The benchmark itself (100,000 forecasts, 10 s per URL) is too slow for the suite: this proves it
// runs end to end on a tiny dataset, reports what the README quotes, and that every page answered 2xx.
describe("node dist/scripts/bench/leaderboard.js (npm run bench)", function () {
  this.timeout(60000);

  it("loads a tiny generated dataset, serves it and reports every URL with 2xx answers only", () => {
    const res = runScript(
      "bench/leaderboard",
      ["--claims", "20", "--people", "30", "--forecasts", "200", "--seconds", "1", "--connections", "2", "--json"],
      tempPath("unused.db"),
    );
    assert.equal(res.code, 0, res.stderr);
    const result = JSON.parse(res.stdout);

    assert.equal(result.dataset.claims, 20);
    assert.equal(result.dataset.forecasts, 200);
    assert.equal(result.dataset.people, 30);
    assert.ok(result.dataset.resolvedClaims > 0 && result.dataset.resolvedClaims <= 20);
    assert.ok(result.dataset.events > 0 && result.dataset.resolutions >= result.dataset.resolvedClaims);
    assert.ok(result.load.seconds > 0 && result.load.forecastsPerSecond > 0 && result.load.dbMegabytes > 0);
    assert.ok(result.load.peakRssMb > 0);
    assert.ok(result.server.peakRssMb > 0, "the server reports its peak RSS when stopped");
    assert.equal(result.seconds, 1);
    assert.equal(result.connections, 2);
    assert.ok(result.cores > 0);
    assert.match(result.node, /^v\d+/);
    assert.equal(result.mix, null, "no mixed phase at --mix 0 (the default)");
    assert.equal(result.afterWrite, null);
    assert.equal(result.sizes.length, 8, "page sizes, /editor included");

    const paths = result.results.map((r: { path: string }) => r.path);
    assert.equal(paths.length, 7);
    for (const expected of [
      /^\/leaderboard$/,
      /^\/api\/leaderboard$/,
      /^\/api\/leaderboard\?tag=[a-z0-9-]+$/,
      /^\/leaderboard\.csv$/,
      /^\/claims\/\d+$/,
      /^\/people\/\d+$/,
      /^\/$/,
    ]) {
      assert.ok(
        paths.some((p: string) => expected.test(p)),
        `${expected} among ${paths.join(", ")}`,
      );
    }
    for (const r of result.results) {
      assert.ok(r.status2xx > 0, `${r.path} answered no 2xx`);
      assert.equal(r.requests, r.status2xx, `${r.path}: every response 2xx`);
      assert.equal(r.non2xx, 0, `${r.path}: non-2xx answers`);
      assert.equal(r.errors, 0, `${r.path}: errors`);
      assert.equal(r.timeouts, 0, `${r.path}: timeouts`);
      assert.ok(r.aloneMs > 0 && r.bytes > 0, `${r.path}: single-request time and size`);
      assert.ok(r.requestsPerSecond > 0, `${r.path}: throughput`);
      for (const k of ["p50", "p97_5", "p99", "max"]) assert.equal(typeof r.latencyMs[k], "number", `${r.path} ${k}`);
      assert.ok(r.latencyMs.p50 <= r.latencyMs.p99 && r.latencyMs.p99 <= r.latencyMs.max, `${r.path} percentiles`);
    }
  });

  it("with --mix 10, signs readers up, mixes forecast POSTs into the reads and reports them apart", () => {
    const res = runScript(
      "bench/leaderboard",
      ["--size", "tiny", "--seconds", "1", "--connections", "2", "--mix", "10", "--readers", "2", "--rounds", "1"],
      tempPath("unused.db"),
    );
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^generate .* s \(peak RSS \d+ MB\); load .* s \(loader peak RSS \d+ MB\)/m);
    for (const column of ["mixed traffic", "p50 ms", "p99 ms", "non-2xx/3xx", "errors"])
      assert.ok(res.stdout.includes(column), column);
    const writes = /^POST \/claims\/:id\/forecasts +(\d+) +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +(\d+) +(\S+)$/m.exec(
      res.stdout,
    );
    assert.ok(writes, `a write row in\n${res.stdout}`);
    assert.equal(writes[2], "0", "every forecast POST answered 2xx/3xx");
    assert.equal(writes[3], "0", "no write errors");
    assert.match(res.stdout, /^all reads +\d+ /m);
    for (const row of [/^alone +1 +- /m, /^after a forecast +1 +[\d.]+ \/ /m, /^after a re-resolution +1 +[\d.]+ \/ /m])
      assert.match(res.stdout, row);
    assert.match(res.stdout, /^\/editor +\d+ +[\d.]+ +[\d.]+$/m, "the editor page's size");
  });

  it("reports the mixed phase, the after-write probe and page sizes in --json", () => {
    const res = runScript(
      "bench/leaderboard",
      [
        "--size",
        "tiny",
        "--seconds",
        "1",
        "--connections",
        "2",
        "--mix",
        "50",
        "--readers",
        "1",
        "--rounds",
        "1",
        "--json",
      ],
      tempPath("unused.db"),
    );
    assert.equal(res.code, 0, res.stderr);
    const { mix, afterWrite, sizes, generate, load } = JSON.parse(res.stdout);
    assert.equal(mix.percent, 50);
    assert.equal(mix.readers, 1);
    assert.ok(mix.writes.requests > 0 && mix.reads.requests > 0);
    assert.equal(mix.writes.bad + mix.reads.bad, 0);
    assert.deepEqual({ ...mix.writes.errors, ...mix.reads.errors }, {});
    assert.equal(mix.byPage.length, 7);
    assert.deepEqual(
      afterWrite.map((r: { after: string }) => r.after),
      ["alone", "after a forecast", "after a re-resolution"],
    );
    assert.ok(sizes.every((s: { bytes: number }) => s.bytes > 0));
    assert.ok(sizes.some((s: { path: string }) => s.path === "/editor"));
    assert.ok(generate.peakRssMb > 0 && load.peakRssMb > 0);
  });

  it("refuses --mix above 100 and an unknown --size", () => {
    for (const [args, message] of [
      [["--mix", "101"], /--mix must be a whole number from 0 to 100/],
      [["--size", "huge"], /--size must be one of tiny, default, million/],
    ] as const) {
      const res = runScript("bench/leaderboard", [...args], tempPath("unused.db"));
      assert.equal(res.code, 2, args.join(" "));
      assert.match(res.stderr, message);
    }
  });

  it("refuses a size that is not a whole number with one line and exit code 2", () => {
    const res = runScript("bench/leaderboard", ["--forecasts", "lots"], tempPath("unused.db"));
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^error: --forecasts must be a whole number from 1 to 2000000 \(usage: npm run bench -- /);
    assert.equal(res.stderr.trim().split("\n").length, 1);
    assert.equal(res.stdout, "");
  });

  it("refuses an unknown option and a positional argument with exit code 2", () => {
    for (const args of [["--size", "1"], ["tiny"]]) {
      const res = runScript("bench/leaderboard", args, tempPath("unused.db"));
      assert.equal(res.code, 2, args.join(" "));
      assert.match(res.stderr, /^error: .*\(usage: npm run bench -- \[--claims 2000\]/);
    }
  });

  it("prints its usage with --help and runs nothing", () => {
    const res = runScript("bench/leaderboard", ["--help"], tempPath("unused.db"));
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /^usage: npm run bench -- \[--claims 2000\] .*\[--json\]\n$/);
  });
});
