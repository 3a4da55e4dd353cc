import assert from "node:assert/strict";
import request from "supertest";
import { findAccount } from "../../db/accounts";
import { candidatesForSource } from "../../db/candidates";
import { calibration, type ScoredForecast } from "../../server/domain/scoring";
import { importThread } from "../../server/services/import-thread";
import { acceptCandidateOnto } from "../../server/services/review";
import { makeAccount } from "../support/session";
import { testApp } from "../support/app";
import { demoDb, emptyDb, TEST_NOW } from "../support/db";
import { demoClaimId, demoSourceId } from "../support/demo";
import { loadDataset } from "../../server/services/load-dataset";

const LATER_THREAD = `Xiaomi and Windows, again

An article.

source: Other News

1. Tziggy14

Posts: 3600; Member since: Sep 02, 2014

They will ship a Windows phone for sure now.
`;

describe("leaderboard filters follow the contract", () => {
  it("?source= sums only that thread's counted forecasts; it never revives a superseded one or changes peer scores", async () => {
    const db = demoDb();
    const { sourceId } = importThread(db, LATER_THREAD, { published: "2016-01-01" }, TEST_NOW);
    // Tziggy14 changes their mind in 2016 on the Windows-phone claim: 90 %, before it lapsed (2019).
    // An editor takes it from the comment, as on /editor/candidates; it is dated at the thread (2016).
    const [candidate] = candidatesForSource(db, sourceId);
    const editor = findAccount(db, (await makeAccount(db, "editor")).id);
    assert.ok(candidate && editor);
    assert.equal(candidate.handle, "Tziggy14");
    const target = { claimId: demoClaimId(db, "smartphone running Windows Phone"), newClaim: null, probability: 0.9 };
    assert.ok(acceptCandidateOnto(db, editor, candidate, target, TEST_NOW).ok);
    const app = testApp(db);
    const all = (await request(app).get("/api/leaderboard?min=1")).body.rows as {
      handle: string;
      brier: number;
      peer_score: number | null;
    }[];
    const demoThread = demoSourceId(db, "CEOs meet up in China");
    const first = (await request(app).get(`/api/leaderboard?min=1&source=${demoThread}`)).body.rows as typeof all;
    assert.equal(all.find((r) => r.handle === "Tziggy14")?.brier, 0.81, "the 2016 forecast is the counted one");
    assert.equal(
      first.find((r) => r.handle === "Tziggy14"),
      undefined,
      "their 2014 forecast was superseded: not scored under ?source=<the demo thread>",
    );
    const peer = (rows: typeof all, h: string) => rows.find((r) => r.handle === h)?.peer_score;
    assert.equal(peer(first, "joey_sfb"), peer(all, "joey_sfb"), "peer scores compare with everyone on the claim");
    const later = (await request(app).get(`/api/leaderboard?min=1&source=${sourceId}`)).body.rows as typeof all;
    assert.deepEqual(
      later.map((r) => r.handle),
      ["Tziggy14"],
    );
  });
});

describe("calibration with fractional percentages", () => {
  it("9.99 % and 9.996 % land in the first bucket, 10 % in the second", () => {
    const scored = (p: number) => ({ probability: p, outcome: 1 }) as ScoredForecast;
    const buckets = calibration([scored(0.0999), scored(0.09996), scored(0.1), scored(0.195)]);
    assert.deepEqual(
      buckets.slice(0, 2).map((b) => b.count),
      [2, 2],
    );
  });
});

describe("a long leaderboard", () => {
  it("shows a hundred ranks a page, and the CSV and JSON give the same page", async () => {
    const db = emptyDb();
    loadDataset(
      db,
      {
        claims: [{ key: "c", text: "Example Corp ships the widget before 2020-01-01", resolveBy: "2020-01-01" }],
        forecasts: Array.from({ length: 150 }, (_, i) => ({
          claim: "c",
          person: `p${String(i).padStart(3, "0")}`,
          probability: 0.5,
          madeAt: "2019-01-01",
        })),
        resolutions: [{ claim: "c", verdict: "YES", basis: "lapse", rationale: "It shipped." }],
      },
      TEST_NOW,
    );
    const app = testApp(db);
    const second = await request(app).get("/leaderboard?min=1&page=2").expect(200);
    assert.match(second.text, /<td>101<\/td>/);
    assert.match(second.text, /ranks 101–150 of 150/);
    await request(app).get("/leaderboard?min=1&page=3").expect(404);
    const first = (await request(app).get("/api/leaderboard?min=1")).body;
    assert.equal(first.rows.length, 100);
    assert.equal(first.total, 150);
    assert.equal(first.pages, 2);
    const rest = (await request(app).get("/api/leaderboard?min=1&page=2")).body.rows as { handle: string }[];
    assert.deepEqual(
      rest.map((r) => r.handle),
      Array.from({ length: 50 }, (_, i) => `p${String(i + 100).padStart(3, "0")}`),
    );
    const csv = (await request(app).get("/leaderboard.csv?min=1&page=2").expect(200)).text.trim().split("\n");
    assert.equal(csv.length, 51, "a header and the 50 rows of page 2");
  });
});
