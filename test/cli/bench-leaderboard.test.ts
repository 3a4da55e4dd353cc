import assert from "node:assert/strict";
import { runScript } from "../support/cli";
import { tempPath } from "../support/db";

// The benchmark itself (1,000,000 forecasts, 10 s per URL, 30 s of mixed traffic, a 20 MB paste) is
// far too slow for the suite: this proves every phase runs end to end on a tiny dataset with ~1 s
// phases, reports what the README quotes, and that every page answered 2xx.
const TINY = ["--size", "tiny", "--seconds", "1", "--connections", "2", "--mix-seconds", "1", "--rounds", "1"];

describe("node dist/scripts/bench/leaderboard.js (npm run bench)", function () {
  this.timeout(90000);

  it("runs every phase on a tiny dataset and reports each in --json", () => {
    const res = runScript("bench/leaderboard", [...TINY, "--readers", "2", "--json"], tempPath("unused.db"));
    assert.equal(res.code, 0, res.stderr);
    const result = JSON.parse(res.stdout);

    assert.equal(result.dataset.claims, 20);
    assert.equal(result.dataset.forecasts, 200);
    assert.equal(result.dataset.people, 30);
    assert.equal(result.dataset.bigClaimForecasts, 20, "the big claim: a tenth of the forecasts at most");
    assert.ok(result.dataset.resolvedClaims > 0 && result.dataset.resolvedClaims < 20);
    assert.ok(result.dataset.events > 0 && result.dataset.resolutions >= result.dataset.resolvedClaims);
    assert.ok(result.load.seconds > 0 && result.load.forecastsPerSecond > 0 && result.load.dbMegabytes > 0);
    assert.ok(result.generate.peakRssMb > 0 && result.load.peakRssMb > 0);
    assert.ok(result.server.peakRssMb > 0, "the server reports its peak RSS when stopped");
    assert.ok(result.server.peakRssMbBeforePaste > 0 && result.server.peakRssMbBeforePaste <= result.server.peakRssMb);
    assert.equal(result.seconds, 1);
    assert.equal(result.connections, 2);
    assert.ok(result.cores > 0);
    assert.match(result.node, /^v\d+/);

    // The bare route, then every page of the list, each as a share of the bare route.
    assert.equal(result.bare.name, "bare route");
    assert.equal(result.bare.percentOfBare, 100);
    const names = result.results.map((r: { name: string }) => r.name);
    for (const expected of [
      /^board, visitor$/,
      /^board, signed in$/,
      /^tag board$/,
      /^period board$/,
      /^claim, 20 forecasts$/,
      /^busiest person, \d+ forecasts$/,
      /^home$/,
    ])
      assert.ok(
        names.some((n: string) => expected.test(n)),
        `${expected} among ${names.join(", ")}`,
      );
    assert.equal(result.results.length, 7);
    assert.match(
      result.results.find((r: { name: string }) => r.name === "period board").path,
      /^\/leaderboard\?from=\d{4}-\d\d-\d\d&to=/,
    );
    for (const r of [result.bare, ...result.results]) {
      assert.ok(r.status2xx > 0, `${r.name} answered no 2xx`);
      assert.equal(r.requests, r.status2xx, `${r.name}: every response 2xx`);
      assert.equal(r.non2xx + r.errors + r.timeouts, 0, `${r.name}: non-2xx, errors, timeouts`);
      assert.ok(r.aloneMs > 0 && r.bytes > 0 && r.requestsPerSecond > 0, `${r.name}: time, size, throughput`);
      assert.ok(r.percentOfBare > 0, `${r.name}: share of the bare route`);
      assert.ok(r.latencyMs.p50 <= r.latencyMs.p99 && r.latencyMs.p99 <= r.latencyMs.max, `${r.name} percentiles`);
    }

    assert.deepEqual(
      result.afterWrite.map((r: { after: string }) => r.after),
      ["alone", "after a forecast", "after a re-resolution"],
    );
    assert.equal(result.resolve.forecasts, 20);
    assert.ok(result.resolve.resolveMs > 0 && result.resolve.boardAfterMs > 0);

    const { mix, paste } = result;
    assert.equal(mix.percent, 10);
    assert.equal(mix.readers, 2);
    assert.ok(mix.reads.requests > 0);
    assert.equal(mix.writes.bad + mix.reads.bad, 0);
    assert.deepEqual({ ...mix.writes.errors, ...mix.reads.errors }, {});
    assert.equal(mix.stored, mix.acknowledged, "stored = acknowledged");
    assert.equal(mix.acknowledged, mix.writes.requests, "every forecast POST acknowledged");

    assert.equal(paste.askedMegabytes, 1);
    assert.ok(paste.fits && paste.comments > 1000 && paste.textMegabytes >= 0.9);
    assert.ok(paste.home.requests > 0 && paste.home.bad === 0 && paste.importSeconds > 0);

    assert.ok(result.sizes.some((s: { path: string }) => s.path === "/editor"));
    assert.ok(result.targets.length >= 17 && result.targets.every((t: { met: boolean | null }) => t.met !== null));
  });

  it("prints the tables: % of the bare route, the big claim's resolution, stored = acknowledged, the paste, the targets", () => {
    const res = runScript(
      "bench/leaderboard",
      [...TINY, "--readers", "1", "--mix", "50", "--paste-mb", "0"],
      tempPath("unused.db"),
    );
    assert.equal(res.code, 0, res.stderr);
    const out = res.stdout;
    assert.match(out, /^generate .* s \(peak RSS \d+ MB\); load .* s \(loader peak RSS \d+ MB\)/m);
    assert.match(out, /^bare route +\/ +[\d.]+ +[\d.]+ +100\.0 % /m);
    assert.match(out, /^board, signed in +\/leaderboard +[\d.]+ +[\d.]+ +[\d.]+ % /m);
    assert.match(out, /^POST \/claims\/\d+\/resolve \(20 forecasts, by lapse\) +[\d.]+$/m);
    const writes = /^POST \/claims\/:id\/forecasts +(\d+) +[\d.]+ +[\d.]+ +[\d.]+ +[\d.]+ +(\d+) +(\S+)$/m.exec(out);
    assert.ok(writes, `a write row in\n${out}`);
    assert.equal(writes[2], "0", "every forecast POST answered 2xx/3xx");
    assert.equal(writes[3], "0", "no write errors");
    assert.match(
      out,
      new RegExp(`^forecasts acknowledged \\(303\\) ${writes[1]}, stored ${writes[1]}: stored = acknowledged$`, "m"),
    );
    for (const row of [/^alone +1 +- /m, /^after a forecast +1 +[\d.]+ \/ /m, /^after a re-resolution +1 +[\d.]+ \/ /m])
      assert.match(out, row);
    assert.doesNotMatch(out, /GET \/ during the paste/, "--paste-mb 0 skips the paste");
    assert.match(out, /^GET \/ p99 during the paste ≤ 100 ms +not measured +-$/m);
    assert.match(out, /^resolving the big claim ≤ 200 ms +[\d.]+ ms +(met|MISSED)$/m);
    assert.match(out, /^\/editor +\d+ +[\d.]+ +[\d.]+$/m, "the editor page's size");
  });

  it("refuses --mix above 100 and an unknown --size", () => {
    for (const [args, message] of [
      [["--mix", "101"], /--mix must be a whole number from 0 to 100/],
      [["--size", "huge"], /--size must be one of default, million, small, tiny/],
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
      assert.match(
        res.stderr,
        /^error: .*\(usage: npm run bench -- \[--size default\|small\|tiny\] \[--claims 20000\]/,
      );
    }
  });

  it("prints its usage with --help and runs nothing", () => {
    const res = runScript("bench/leaderboard", ["--help"], tempPath("unused.db"));
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      /^usage: npm run bench -- \[--size default\|small\|tiny\] .*\[--mix-seconds 30\] .*\[--paste-mb 20\] \[--json\]\n$/,
    );
  });
});
