import assert from "node:assert/strict";
import request from "supertest";
import { demoDb } from "../support/db";
import { testApp } from "../support/app";

// The demo leaderboard worked out by hand from the forecasts in server/services/demo-dataset.ts.
// Outcomes: Windows phone NO, any Windows device YES, acquisition NO, Office YES, patents YES,
// Windows 10 Mobile alive in 2020 NO. Adjusted Brier = (Σ(p−o)² + 2 × 0.25) / (n + 2).
//   Tziggy14     0.30 on phone (NO):               (0.09 + 0.5) / 3        = 0.196667
//   xoxoGeorges  0.50 phone (NO), 0.70 Office (YES): (0.25 + 0.09 + 0.5) / 4 = 0.21
//   flamencoguy  0.60 patents (YES):               (0.16 + 0.5) / 3        = 0.22
//   SuperNexus   0.50 acquisition (NO):            (0.25 + 0.5) / 3        = 0.25
//   GSM Insider  0.60 phone (NO), 0.60 device (YES): (0.36 + 0.16 + 0.5) / 4 = 0.255
//   joey_sfb     0.60 phone (NO):                  (0.36 + 0.5) / 3        = 0.286667
//   Liveitup     0.65 alive (NO):                  (0.4225 + 0.5) / 3      = 0.3075
//   kanagadeepan, nokia12 0.75 acquisition (NO), Pattyface 0.75 alive (NO): (0.5625 + 0.5) / 3 = 0.354167
//     (tied: same resolved count, so by handle)
//   FerneyZan    0.90 alive (NO):                  (0.81 + 0.5) / 3        = 0.436667
// Peer scores, 100/(n−1) × Σ(l_i − l_j): phone claim l = ln .4, ln .7, ln .4, ln .5 gives
// Tziggy14 +48.5235, xoxoGeorges +3.6605, GSM Insider and joey_sfb −26.0920;
// acquisition l = ln .25, ln .25, ln .5 gives SuperNexus +69.3147, the others −34.6574;
// alive l = ln .1, ln .25, ln .35 gives FerneyZan −108.4527, Pattyface +28.9909, Liveitup +79.4618.
const EXPECTED = [
  ["Tziggy14", 1, 0.196667, 0.09, Math.log(0.7), 48.52346, 1],
  ["xoxoGeorges", 2, 0.21, 0.17, (Math.log(0.5) + Math.log(0.7)) / 2, 3.660496, 0.75],
  ["flamencoguy", 1, 0.22, 0.16, Math.log(0.6), null, 1],
  ["SuperNexus", 1, 0.25, 0.25, Math.log(0.5), 69.314718, 0.5],
  ["GSM Insider", 2, 0.255, 0.26, (Math.log(0.4) + Math.log(0.6)) / 2, -26.091978, 0.5],
  ["joey_sfb", 1, 0.286667, 0.36, Math.log(0.4), -26.091978, 0],
  ["Liveitup", 1, 0.3075, 0.4225, Math.log(0.35), 79.46176, 0],
  ["kanagadeepan", 1, 0.354167, 0.5625, Math.log(0.25), -34.657359, 0],
  ["nokia12", 1, 0.354167, 0.5625, Math.log(0.25), -34.657359, 0],
  ["Pattyface", 1, 0.354167, 0.5625, Math.log(0.25), 28.990925, 0],
  ["FerneyZan", 1, 0.436667, 0.81, Math.log(0.1), -108.452685, 0],
] as const;

function close(actual: number | null, expected: number | null, what: string): void {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-5, `${what}: ${actual} ≠ ${expected}`);
}

describe("the demo leaderboard", () => {
  const app = testApp(demoDb());

  it("GET /api/leaderboard gives the hand-computed rows in the contract's order", async () => {
    const res = await request(app).get("/api/leaderboard?min=1").expect(200);
    assert.deepEqual(res.body.columns, [
      "handle",
      "resolved",
      "adjusted_brier",
      "brier",
      "log_score",
      "peer_score",
      "accuracy",
    ]);
    assert.deepEqual(
      res.body.rows.map((r: { handle: string }) => r.handle),
      EXPECTED.map((e) => e[0]),
    );
    res.body.rows.forEach((row: Record<string, number | null>, i: number) => {
      const [handle, resolved, adjusted, brier, log, peer, accuracy] = EXPECTED[i] ?? [];
      assert.equal(row.resolved, resolved, `${handle} resolved`);
      close(row.adjusted_brier ?? null, adjusted ?? null, `${handle} adjusted_brier`);
      close(row.brier ?? null, brier ?? null, `${handle} brier`);
      close(row.log_score ?? null, log ?? null, `${handle} log_score`);
      close(row.peer_score ?? null, peer ?? null, `${handle} peer_score`);
      close(row.accuracy ?? null, accuracy ?? null, `${handle} accuracy`);
    });
  });

  it("GET /leaderboard.csv has the same rows as the API", async () => {
    const [csv, api] = await Promise.all([
      request(app).get("/leaderboard.csv?min=1").expect(200),
      request(app).get("/api/leaderboard?min=1"),
    ]);
    assert.match(csv.headers["content-type"] ?? "", /text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    assert.equal(lines[0], "handle,resolved,adjusted_brier,brier,log_score,peer_score,accuracy");
    assert.equal(lines[1], "Tziggy14,1,0.196667,0.09,-0.356675,48.52346,1");
    assert.equal(lines[3], "flamencoguy,1,0.22,0.16,-0.510826,,1");
    assert.equal(lines.length - 1, api.body.rows.length);
  });

  it("the page lists the same people in the same order", async () => {
    const res = await request(app).get("/leaderboard?min=1").expect(200);
    const handles = [...res.text.matchAll(/<td><a href="\/people\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(
      handles,
      EXPECTED.map((e) => e[0]),
    );
  });

  it("?min=2 keeps only people with two resolved forecasts", async () => {
    const res = await request(app).get("/api/leaderboard?min=2").expect(200);
    assert.deepEqual(
      res.body.rows.map((r: { handle: string }) => r.handle),
      ["xoxoGeorges", "GSM Insider"],
    );
  });

  // Decision 0004: with min 1, Tziggy14's single 30 % call on a NO claim tops the board above.
  it("by default (min 2) one lucky call is not on the board, in the API, the CSV and the page alike", async () => {
    const [api, csv, page] = await Promise.all([
      request(app).get("/api/leaderboard").expect(200),
      request(app).get("/leaderboard.csv").expect(200),
      request(app).get("/leaderboard").expect(200),
    ]);
    assert.equal(api.body.query.min, 2);
    assert.deepEqual(
      api.body.rows.map((r: { handle: string }) => r.handle),
      ["xoxoGeorges", "GSM Insider"],
    );
    assert.deepEqual(
      csv.text
        .trim()
        .split("\r\n")
        .slice(1)
        .map((l) => l.split(",")[0]),
      ["xoxoGeorges", "GSM Insider"],
    );
    const handles = [...page.text.matchAll(/<td><a href="\/people\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(handles, ["xoxoGeorges", "GSM Insider"]);
    assert.match(page.text, /Lower Brier is better/);
    assert.match(page.text, /at least 2 resolved forecasts, so one lucky call cannot top the board/);
    assert.match(page.text, /href="\/leaderboard\?min=1">show everyone/);
    assert.doesNotMatch(page.text, /provisional<\/span>/);
    const home = await request(app).get("/").expect(200);
    const top = [...home.text.matchAll(/<td><a href="\/people\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(top, ["xoxoGeorges", "GSM Insider"], "the home page's top of the board follows the default");
    assert.match(home.text, /Lower Brier is better/);
  });

  it("a filtered board with no one at 2 resolved says so and links to everyone", async () => {
    const res = await request(app).get("/leaderboard?tag=office").expect(200);
    assert.match(res.text, /No one has 2 or more resolved forecasts with these filters yet/);
    assert.match(res.text, /<a href="\/leaderboard\?tag=office&amp;min=1">Show everyone/);
  });

  it("?min=1 lists everyone and marks those with one resolved forecast provisional", async () => {
    const res = await request(app).get("/leaderboard?min=1").expect(200);
    const marked = [
      ...res.text.matchAll(
        /">([^<]+)<\/a>(?: <span class="badge pub">publisher<\/span>)? <span class="badge provisional"/g,
      ),
    ].map((m) => m[1]);
    assert.deepEqual(
      marked,
      EXPECTED.filter((e) => e[1] < 2).map((e) => e[0]),
    );
    assert.match(res.text, /marked <em>provisional<\/em>/);
  });

  it("?sort=peer_score orders by peer score, highest first, people without one last", async () => {
    const res = await request(app).get("/api/leaderboard?min=1&sort=peer_score").expect(200);
    const handles = res.body.rows.map((r: { handle: string }) => r.handle);
    assert.deepEqual(handles.slice(0, 3), ["Liveitup", "SuperNexus", "Tziggy14"]);
    assert.equal(handles.at(-1), "flamencoguy");
  });

  it("?tag=office scores only the Office claim", async () => {
    const res = await request(app).get("/api/leaderboard?min=1&tag=office").expect(200);
    assert.deepEqual(res.body.rows, [
      {
        handle: "xoxoGeorges",
        resolved: 1,
        adjusted_brier: 0.196667,
        brier: 0.09,
        log_score: -0.356675,
        peer_score: null,
        accuracy: 1,
      },
    ]);
  });

  it("?from=&to= keeps claims whose outcome became known in that period", async () => {
    const res = await request(app).get("/api/leaderboard?min=1&from=2016-01-01&to=2016-12-31").expect(200);
    assert.deepEqual(res.body.rows.map((r: { handle: string }) => r.handle).sort(), ["flamencoguy", "xoxoGeorges"]);
  });

  it("?publisher= scores the forecasts read from that publisher's sources", async () => {
    const res = await request(app).get("/api/leaderboard?publisher=Nobody").expect(200);
    assert.deepEqual(res.body.rows, []);
    const known = await request(app).get("/api/leaderboard?min=1&publisher=GSM%20Insider").expect(200);
    assert.ok(known.body.rows.length > 0);
  });
});
